using System.Text;

namespace Kombu.Transport.Sqs;

/// <summary>Kombu's SQS queue-name mangling (wire format §6.1).</summary>
public static class SqsQueueNames
{
    private const string FifoSuffix = ".fifo";
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Mangles a queue name the way Kombu's <c>entity_name</c> does, keeping a trailing <c>.fifo</c>.</summary>
    /// <param name="name">The queue name, with the prefix already prepended.</param>
    /// <returns>The SQS queue name.</returns>
    public static string EntityName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var fifo = name.EndsWith(FifoSuffix, StringComparison.Ordinal);
        var stem = fifo ? name[..^FifoSuffix.Length] : name;
        var builder = new StringBuilder(name.Length);
        foreach (var c in stem)
        {
            if (c == '.')
                builder.Append('-');
            else if (c is not '-' and not '_' && Punctuation.Contains(c, StringComparison.Ordinal))
                builder.Append('_');
            else
                builder.Append(c);
        }
        if (fifo)
            builder.Append(FifoSuffix);
        return builder.ToString();
    }

    /// <summary>Gives the SQS queue name of a Kombu queue: the prefix prepended, then mangled.</summary>
    /// <param name="prefix">The <c>queue_name_prefix</c> transport option.</param>
    /// <param name="queue">The Kombu queue name.</param>
    /// <returns>The SQS queue name.</returns>
    public static string Canonical(string prefix, string queue) => EntityName(prefix + queue);

    /// <summary>Whether an SQS queue name is a FIFO queue's.</summary>
    /// <param name="sqsName">The SQS queue name.</param>
    /// <returns><see langword="true"/> when it ends with <c>.fifo</c>.</returns>
    public static bool IsFifo(string sqsName) => sqsName.EndsWith(FifoSuffix, StringComparison.Ordinal);
}

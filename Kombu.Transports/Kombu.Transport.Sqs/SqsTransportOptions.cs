using System.Globalization;

namespace Kombu.Transport.Sqs;

/// <summary>The SQS transport options Kombu 5 reads (wire format §6).</summary>
public sealed class SqsTransportOptions
{
    /// <summary>Prepended to every queue name before mangling (<c>queue_name_prefix</c>, default empty).</summary>
    public string QueueNamePrefix { get; init; } = "";

    /// <summary>Visibility timeout of created queues in seconds (<c>visibility_timeout</c>, default 1800).</summary>
    public int VisibilityTimeout { get; init; } = 1800;

    /// <summary>Long-polling wait of each receive in seconds (<c>wait_time_seconds</c>, 0–20, default 10).</summary>
    public int WaitTimeSeconds { get; init; } = 10;

    /// <summary>Whether the SQS body is base64 of the envelope JSON (<c>sqs_base64_encoding</c>, default true).</summary>
    public bool Base64Encoding { get; init; } = true;

    /// <summary>The AWS region (<c>region</c>, default the AWS_REGION/AWS_DEFAULT_REGION variables, then us-east-1).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Explicit service endpoint (<c>endpoint_url</c>), or <see langword="null"/> to derive it.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Whether a derived endpoint uses https (<c>is_secure</c>, default false as in Kombu).</summary>
    public bool IsSecure { get; init; }

    /// <summary>Access key id from the <c>access_key_id</c> keyword, or <see langword="null"/>.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Secret access key from the <c>secret_access_key</c> keyword, or <see langword="null"/>.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Queue URLs by SQS queue name (<c>predefined_queues</c>); when set, nothing is listed or created.</summary>
    public IReadOnlyDictionary<string, string>? PredefinedQueues { get; init; }

    /// <summary>Extra CreateQueue attributes (<c>sqs-creation-attributes</c>).</summary>
    public IReadOnlyDictionary<string, string> CreationAttributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads the options from a connection's transport options.</summary>
    /// <param name="options">The transport options.</param>
    /// <returns>The parsed options.</returns>
    /// <exception cref="ArgumentException">An option has the wrong shape.</exception>
    public static SqsTransportOptions Parse(IDictionary<string, object?> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var region = Text(options, "region") ?? Environment.GetEnvironmentVariable("AWS_REGION")
            ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
        return new SqsTransportOptions
        {
            QueueNamePrefix = Text(options, "queue_name_prefix") ?? "",
            VisibilityTimeout = Int(options, "visibility_timeout", 1800),
            WaitTimeSeconds = Math.Clamp(Int(options, "wait_time_seconds", 10), 0, 20),
            Base64Encoding = Bool(options, "sqs_base64_encoding", true),
            Region = region,
            EndpointUrl = Text(options, "endpoint_url"),
            IsSecure = Bool(options, "is_secure", false),
            AccessKeyId = Text(options, "access_key_id"),
            SecretAccessKey = Text(options, "secret_access_key"),
            PredefinedQueues = Predefined(options),
            CreationAttributes = StringMap(options, "sqs-creation-attributes") ?? new Dictionary<string, string>(),
        };
    }

    private static string? Text(IDictionary<string, object?> options, string name) =>
        options.TryGetValue(name, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    private static int Int(IDictionary<string, object?> options, string name, int fallback)
    {
        if (!options.TryGetValue(name, out var value) || value is null)
            return fallback;
        try
        {
            return (int)Convert.ToDouble(value, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException(SqsErrors.BadOption(name, value), nameof(options), ex);
        }
    }

    private static bool Bool(IDictionary<string, object?> options, string name, bool fallback) =>
        !options.TryGetValue(name, out var value) || value is null
            ? fallback
            : value is bool b ? b : value.ToString()?.ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private static Dictionary<string, string>? StringMap(IDictionary<string, object?> options, string name)
    {
        if (!options.TryGetValue(name, out var value) || value is null)
            return null;
        if (value is not System.Collections.IDictionary map)
            throw new ArgumentException(SqsErrors.BadOption(name, value), nameof(options));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in map)
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? "";
        return result;
    }

    private static Dictionary<string, string>? Predefined(IDictionary<string, object?> options)
    {
        if (!options.TryGetValue("predefined_queues", out var value) || value is null)
            return null;
        if (value is not System.Collections.IDictionary map)
            throw new ArgumentException(SqsErrors.BadOption("predefined_queues", value), nameof(options));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in map)
        {
            var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!;
            var url = entry.Value switch
            {
                string s => s,
                System.Collections.IDictionary queue when queue["url"] is string u => u,
                _ => throw new ArgumentException(SqsErrors.BadOption("predefined_queues", value), nameof(options)),
            };
            result[name] = url;
        }
        return result;
    }
}

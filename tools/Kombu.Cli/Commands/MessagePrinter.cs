using Kombu.Exceptions;

namespace Kombu.Cli.Commands;

/// <summary>Prints a received message as <c>kombu consume</c>'s JSON line, then settles it.</summary>
internal static class MessagePrinter
{
    /// <summary>
    /// Prints one message and settles it; a message that cannot be decompressed, decoded or printed
    /// (<paramref name="decodeError"/>, or a failure here) is printed with <c>"body": null</c> and an <c>"error"</c>,
    /// and left unacknowledged so it is not lost.
    /// </summary>
    /// <param name="stdout">Where the line goes.</param>
    /// <param name="message">The message.</param>
    /// <param name="decodeError">The error the consumer met decoding it, if any.</param>
    /// <param name="noAck">The message needs no settling.</param>
    /// <param name="requeue">Requeue instead of acknowledging.</param>
    public static void Print(TextWriter stdout, Message message, Exception? decodeError, bool noAck, bool requeue)
    {
        object? body = null;
        var error = decodeError?.Message;
        if (error is null)
        {
            try
            {
                body = message.Decode();
            }
            catch (KombuException ex)
            {
                error = ex.Message;
            }
        }
        string line;
        try
        {
            line = PythonJson.Dumps(MessageRecord.Of(message, body, error));
        }
        catch (EncodeException ex)
        {
            error ??= CliText.Unprintable(ex.Message);
            line = PythonJson.Dumps(MessageRecord.Printable(message, error));
        }
        stdout.WriteLine(line);
        stdout.Flush();
        if (noAck || error is not null)
            return;
        if (requeue)
            message.Requeue();
        else
            message.Ack();
    }
}

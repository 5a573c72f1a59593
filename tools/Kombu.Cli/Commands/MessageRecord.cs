namespace Kombu.Cli.Commands;

/// <summary>The JSON object <c>kombu consume</c> prints for one message.</summary>
public static class MessageRecord
{
    /// <summary>Builds the record, keys in the documented order.</summary>
    /// <param name="message">The received message.</param>
    /// <param name="body">Its decoded body (<see langword="null"/> when it could not be decoded).</param>
    /// <param name="error">Why decoding failed, or <see langword="null"/>.</param>
    /// <returns>An ordered dictionary ready for <see cref="PythonJson.Dumps"/>.</returns>
    public static IReadOnlyDictionary<string, object?> Of(Message message, object? body, string? error)
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["body"] = body,
            ["content_type"] = message.ContentType,
            ["content_encoding"] = message.ContentEncoding,
            ["headers"] = message.Headers,
            ["properties"] = message.Properties,
            ["delivery_info"] = message.DeliveryInfo,
        };
        if (error is not null)
            record["error"] = error;
        return record;
    }

    /// <summary>
    /// Builds the record of a message that <see cref="Of"/> could not print: <c>"body": null</c>, each part JSON
    /// cannot hold (such as headers nested too deep) as <c>null</c>, and the error.
    /// </summary>
    /// <param name="message">The received message.</param>
    /// <param name="error">Why it could not be printed or decoded.</param>
    /// <returns>A record that <see cref="PythonJson.Dumps"/> can print.</returns>
    public static IReadOnlyDictionary<string, object?> Printable(Message message, string error) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["body"] = null,
            ["content_type"] = message.ContentType,
            ["content_encoding"] = message.ContentEncoding,
            ["headers"] = IfPrintable(message.Headers),
            ["properties"] = IfPrintable(message.Properties),
            ["delivery_info"] = IfPrintable(message.DeliveryInfo),
            ["error"] = error,
        };

    private static object? IfPrintable(IDictionary<string, object?> part)
    {
        try
        {
            PythonJson.Dumps(part);
            return part;
        }
        catch (Kombu.Exceptions.EncodeException)
        {
            return null;
        }
    }
}

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
}

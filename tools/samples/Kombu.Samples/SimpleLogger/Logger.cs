using System.Globalization;
using Kombu.Simple;

namespace Kombu.Samples.SimpleLogger;

/// <summary>Produces and consumes log records through a SimpleQueue (the user guide's logger example).</summary>
public sealed class Logger(Connection connection, string queueName = "log_queue", string serializer = "json",
    string? compression = null) : IDisposable
{
    private readonly SimpleQueue _queue = connection.CreateSimpleQueue(queueName);

    public void Log(string message, string level = "INFO", IReadOnlyDictionary<string, object?>? context = null) =>
        _queue.Put(new Dictionary<string, object?>
        {
            ["message"] = message,
            ["level"] = level,
            ["context"] = context ?? new Dictionary<string, object?>(),
            ["hostname"] = Environment.MachineName,
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
        }, serializer: serializer, compression: compression);

    public void Process(Action<IDictionary<string, object?>> callback, int n = 1, TimeSpan? timeout = null)
    {
        for (var i = 0; i < n; i++)
        {
            var logMessage = _queue.Get(block: true, timeout: timeout ?? TimeSpan.FromSeconds(1));
            callback((IDictionary<string, object?>)logMessage.Payload!);
            logMessage.Ack();
        }
    }

    public static string Format(IDictionary<string, object?> entry)
    {
        var date = DateTimeOffset.FromUnixTimeMilliseconds((long)(Convert.ToDouble(entry["timestamp"], CultureInfo.InvariantCulture) * 1000));
        var context = string.Join(", ", ((IDictionary<string, object?>)entry["context"]!).Select(p => $"'{p.Key}': '{p.Value}'"));
        return $"[{date:yyyy-MM-dd HH:mm:ss} {entry["hostname"]} {entry["level"]}] {entry["message"]} {{{context}}}";
    }

    public void Dispose() => _queue.Close();
}

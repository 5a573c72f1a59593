using Kombu.Simple;

namespace Kombu.Tests.Simple;

/// <summary>The user guide's §2.6.1 example: log records sent and processed through a <see cref="SimpleQueue"/>.</summary>
internal sealed class SeedLogger(Connection connection, string queueName = "log_queue", string serializer = "json",
    string? compression = null) : IDisposable
{
    private readonly SimpleQueue _queue = connection.CreateSimpleQueue(queueName);

    public void Log(string message, string level = "INFO", IDictionary<string, object?>? context = null) =>
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

    public void Dispose() => _queue.Close();
}

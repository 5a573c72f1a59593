using BenchmarkDotNet.Attributes;
using Kombu.Bench;
using Kombu.Transport;

namespace Kombu.Benchmarks;

/// <summary>Message build and encode: the Producer path from a body to the <see cref="OutgoingMessage"/> it publishes.</summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private Connection _connection = null!;
    private Producer _producer = null!;
    private Dictionary<string, object?> _body = null!;

    /// <summary>Opens a memory connection and a producer on the default exchange.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _connection = new Connection("memory://");
        _producer = _connection.CreateProducer(serializer: "json");
        _body = BenchBody.Create(1);
    }

    /// <summary>Closes the connection.</summary>
    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    /// <summary>Serializes the body as JSON and builds the outgoing message.</summary>
    /// <returns>The message.</returns>
    [Benchmark]
    public OutgoingMessage BuildAndEncode() =>
        _producer.Build(_body, "bench", null, 0, null, null, null, null, null, null, null, null, null, null, null).Message;
}

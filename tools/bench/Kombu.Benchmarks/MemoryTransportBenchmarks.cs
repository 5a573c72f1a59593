using BenchmarkDotNet.Attributes;
using Kombu.Bench;

namespace Kombu.Benchmarks;

/// <summary>One message through the memory transport: Producer.Publish, DrainEvents, the callback decodes and acks.</summary>
/// <remarks>
/// <c>json</c> is the full path (serialize a dictionary, decode it again); <c>raw</c> sends the same 100 bytes as they
/// are, so it measures what the transport, the envelope and the message cost on their own.
/// </remarks>
[MemoryDiagnoser]
public class MemoryTransportBenchmarks
{
    private Connection _connection = null!;
    private Producer _producer = null!;
    private Consumer _consumer = null!;
    private object _body = null!;
    private long _received;

    /// <summary>The serializer: <c>json</c> (a dictionary body) or <c>raw</c> (the same body already encoded).</summary>
    [Params("json", "raw")]
    public string Serializer { get; set; } = "json";

    /// <summary>Declares a queue, starts a consumer with a callback that acks, and a producer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _connection = new Connection("memory://");
        var queue = new Queue("bench.memory." + Guid.NewGuid().ToString("N"));
        _consumer = _connection.CreateConsumer([queue], callbacks: [(_, message) =>
        {
            _received++;
            message.Ack();
        }], prefetchCount: 100);
        _consumer.Consume();
        _producer = _connection.CreateProducer(routingKey: queue.Name, serializer: Serializer);
        _body = Serializer == "raw" ? BenchBody.Encoded() : BenchBody.Create(1);
    }

    /// <summary>Closes the connection.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _consumer.Dispose();
        _connection.Dispose();
    }

    /// <summary>Publishes one message and drains it (decode, callback, ack).</summary>
    /// <returns>The number of messages received so far.</returns>
    [Benchmark]
    public long PublishConsume()
    {
        _producer.Publish(_body);
        _connection.DrainEvents(TimeSpan.FromSeconds(1));
        return _received;
    }
}

using BenchmarkDotNet.Attributes;
using Kombu.Bench;

namespace Kombu.Benchmarks;

/// <summary>Producer.Publish and Producer.PublishAsync on the memory transport: the front door's own cost per message.</summary>
/// <remarks>
/// The sync method waits once on its async twin (<c>Utils/SyncOverAsync</c>); on the memory transport the publish
/// completes at once, so the two should cost about the same and allocate the same. Each invocation publishes a batch
/// and purges the queue, so it does not grow across iterations; the purge is counted in both.
/// </remarks>
[MemoryDiagnoser]
public class ProducerBenchmarks
{
    private const int Batch = 1000;

    private Connection _connection = null!;
    private Queue _queue = null!;
    private Producer _producer = null!;
    private object _body = null!;

    /// <summary>Declares a queue and a producer with the json serializer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _connection = new Connection("memory://");
        _queue = new Queue("bench.producer." + Guid.NewGuid().ToString("N")).Bind(_connection.DefaultChannel);
        _queue.Declare();
        _producer = _connection.CreateProducer(routingKey: _queue.Name, serializer: "json");
        _body = BenchBody.Create(1);
    }

    /// <summary>Closes the connection.</summary>
    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    /// <summary>Publishes with the sync method.</summary>
    /// <returns>The messages purged.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public long Publish()
    {
        for (var i = 0; i < Batch; i++)
            _producer.Publish(_body);
        return _queue.Purge();
    }

    /// <summary>Publishes with the async method, awaiting each.</summary>
    /// <returns>The messages purged.</returns>
    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task<long> PublishAsync()
    {
        for (var i = 0; i < Batch; i++)
            await _producer.PublishAsync(_body).ConfigureAwait(false);
        return await _queue.PurgeAsync().ConfigureAwait(false);
    }
}

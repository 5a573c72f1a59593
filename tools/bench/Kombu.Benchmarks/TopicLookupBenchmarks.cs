using BenchmarkDotNet.Attributes;
using Kombu.Transport.Virtual;

namespace Kombu.Benchmarks;

/// <summary>Topic-exchange routing over a table of many bindings.</summary>
[MemoryDiagnoser]
public class TopicLookupBenchmarks
{
    private readonly TopicExchange _topic = new();
    private List<BindingEntry> _table = null!;

    /// <summary>The number of bindings in the table.</summary>
    [Params(1000)]
    public int Bindings { get; set; }

    /// <summary>Binds queue <c>qN</c> with <c>stock.N.*</c>, plus one <c>#.eu</c> wildcard binding.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _table = [];
        for (var i = 0; i < Bindings - 1; i++)
            _table.Add(_topic.PrepareBind("q" + i, "bench.topic", $"stock.{i}.*", null));
        _table.Add(_topic.PrepareBind("wild", "bench.topic", "#.eu", null));
    }

    /// <summary>Routes a key that matches one specific binding and the wildcard.</summary>
    /// <returns>The matching queues.</returns>
    [Benchmark]
    public IReadOnlyList<string> Lookup() => _topic.Lookup(_table, "bench.topic", "stock.500.eu");
}

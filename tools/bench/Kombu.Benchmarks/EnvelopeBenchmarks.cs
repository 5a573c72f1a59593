using BenchmarkDotNet.Attributes;
using Kombu.Bench;
using Kombu.Transport.Virtual;

namespace Kombu.Benchmarks;

/// <summary>The virtual-transport envelope to and from its JSON document (<see cref="EnvelopeJson"/>).</summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private Envelope _envelope = null!;
    private byte[] _json = null!;

    /// <summary>Builds an envelope around the 100-byte body.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _envelope = new Envelope
        {
            Body = BenchBody.Encoded(),
            ContentType = "application/json",
            ContentEncoding = "utf-8",
            DeliveryTag = Guid.NewGuid().ToString(),
            Exchange = "",
            RoutingKey = "bench",
        };
        _json = EnvelopeJson.SerializeToUtf8Bytes(_envelope);
    }

    /// <summary>Writes the envelope as UTF-8 JSON.</summary>
    /// <returns>The JSON bytes.</returns>
    [Benchmark]
    public byte[] ToJson() => EnvelopeJson.SerializeToUtf8Bytes(_envelope);

    /// <summary>Reads the envelope back from UTF-8 JSON.</summary>
    /// <returns>The envelope.</returns>
    [Benchmark]
    public Envelope FromJson() => EnvelopeJson.Deserialize(_json);
}

using BenchmarkDotNet.Attributes;
using Kombu.Bench;

namespace Kombu.Benchmarks;

/// <summary>Decoding a received 100-byte JSON body with <see cref="Message.Decode()"/>.</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private readonly byte[] _body = BenchBody.Encoded();

    /// <summary>Builds a message as a transport does and decodes its body.</summary>
    /// <returns>The decoded body.</returns>
    [Benchmark]
    public object? Decode() => new Message(null, _body, "tag", "application/json", "utf-8").Decode();
}

using Kombu.Serialization;

namespace Kombu.Bench;

/// <summary>The message every benchmark sends: a small dictionary that Kombu JSON encodes to exactly 100 bytes.</summary>
public static class BenchBody
{
    /// <summary>The encoded size of <see cref="Create"/>'s body, in bytes.</summary>
    public const int Size = 100;

    /// <summary>Builds the body for message <paramref name="index"/>: <c>{"i": index, "task": "bench", "pad": "xx…"}</c>.</summary>
    /// <param name="index">The message number (its digits are taken from the padding, so the size stays 100 bytes).</param>
    /// <returns>The body.</returns>
    public static Dictionary<string, object?> Create(long index)
    {
        var empty = KombuJson.SerializeToUtf8Bytes(Build(index, "")).Length;
        return Build(index, new string('x', Math.Max(0, Size - empty)));
    }

    /// <summary>The UTF-8 JSON bytes of message 0, for raw-driver and decode benchmarks.</summary>
    /// <returns>100 bytes of JSON.</returns>
    public static byte[] Encoded() => KombuJson.SerializeToUtf8Bytes(Create(0));

    private static Dictionary<string, object?> Build(long index, string pad) => new(StringComparer.Ordinal)
    {
        ["i"] = index,
        ["task"] = "bench",
        ["pad"] = pad,
    };
}

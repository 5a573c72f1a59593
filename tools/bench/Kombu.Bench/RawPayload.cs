using System.Text.Json;

namespace Kombu.Bench;

/// <summary>What the raw driver sends and does with what it receives, so that it does the same work as our client.</summary>
/// <remarks>
/// <see cref="Json"/> is the work every client does: each message's own body encoded to JSON when published and
/// decoded when consumed (System.Text.Json, as an application using the driver directly would). <see cref="Bytes"/>
/// is the driver's ceiling: one body encoded once, sent again and again, never decoded.
/// </remarks>
public sealed class RawPayload
{
    private readonly Dictionary<string, object?>[]? _bodies;
    private readonly byte[] _encoded;

    private RawPayload(Dictionary<string, object?>[]? bodies, byte[]? encoded = null)
    {
        _bodies = bodies;
        _encoded = encoded ?? BenchBody.Encoded();
    }

    /// <summary>Whether received bodies are decoded.</summary>
    public bool Decodes => _bodies is not null;

    /// <summary>Each message's body encoded as it is published, and decoded when received.</summary>
    /// <param name="count">How many messages.</param>
    /// <returns>The payload.</returns>
    public static RawPayload Json(int count) => new([.. Enumerable.Range(0, count).Select(i => BenchBody.Create(i))]);

    /// <summary>One 100-byte body encoded once, never decoded.</summary>
    /// <returns>The payload.</returns>
    public static RawPayload Bytes() => new(null);

    /// <summary>One body of <paramref name="size"/> bytes, sent again and again, never decoded.</summary>
    /// <param name="size">The body size in bytes.</param>
    /// <returns>The payload.</returns>
    public static RawPayload Sized(int size)
    {
        var body = new byte[size];
        Random.Shared.NextBytes(body);
        return new(null, body);
    }

    /// <summary>The body of message <paramref name="index"/>, encoded now.</summary>
    /// <param name="index">The message number.</param>
    /// <returns>The bytes to publish.</returns>
    public byte[] Body(int index) => _bodies is null ? _encoded : JsonSerializer.SerializeToUtf8Bytes(_bodies[index % _bodies.Length]);

    /// <summary>Decodes a received body, when this payload decodes.</summary>
    /// <param name="body">The received bytes.</param>
    /// <exception cref="InvalidOperationException">The body is not the JSON object sent.</exception>
    public void Receive(ReadOnlySpan<byte> body)
    {
        if (_bodies is null)
            return;
        var decoded = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body);
        if (decoded is null || !decoded.ContainsKey("i"))
            throw new InvalidOperationException("raw: a received body is not the JSON object sent");
    }
}

using System.Buffers.Binary;
using System.Text;
using RabbitMQ.Client;

namespace Kombu.Transport.Amqp;

/// <summary>The AMQPLAIN login method: a field table <c>{LOGIN, PASSWORD}</c> without its length prefix, as py-amqp sends it.</summary>
internal sealed class AmqPlainMechanism : IAuthMechanism
{
    /// <inheritdoc/>
    public Task<byte[]> HandleChallengeAsync(byte[]? challenge, ConnectionConfig config, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        Write(stream, "LOGIN", config.UserName);
        Write(stream, "PASSWORD", config.Password);
        return Task.FromResult(stream.ToArray());
    }

    private static void Write(MemoryStream stream, string key, string value)
    {
        var name = Encoding.UTF8.GetBytes(key);
        stream.WriteByte((byte)name.Length);
        stream.Write(name);
        stream.WriteByte((byte)'S');
        var data = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        stream.Write(length);
        stream.Write(data);
    }
}

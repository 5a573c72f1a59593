using System.Net.Sockets;

namespace Kombu.Transport.Amqp;

/// <summary>A <see cref="NetworkStream"/> whose asynchronous reads raise <see cref="EndOfStreamException"/> when the peer
/// closed the socket, instead of returning 0.</summary>
/// <remarks>See <see cref="EndOfStreamTcpClient"/> for why. RabbitMQ.Client (and <c>SslStream</c> over it) read only through
/// <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.</remarks>
internal sealed class EndOfStreamNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: false)
{
    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var reading = base.ReadAsync(buffer, cancellationToken);
        if (reading.IsCompletedSuccessfully)
        {
            // The socket's ValueTask may be backed by a reused source: its result is taken once, here.
            var read = reading.GetAwaiter().GetResult();
            return read == 0 && !buffer.IsEmpty
                ? ValueTask.FromException<int>(new EndOfStreamException(AmqpMessages.SocketEnded))
                : new ValueTask<int>(read);
        }
        return CheckedAsync(reading, buffer.Length);
    }

    private static async ValueTask<int> CheckedAsync(ValueTask<int> reading, int wanted)
    {
        var read = await reading.ConfigureAwait(false);
        return read == 0 && wanted > 0 ? throw new EndOfStreamException(AmqpMessages.SocketEnded) : read;
    }
}

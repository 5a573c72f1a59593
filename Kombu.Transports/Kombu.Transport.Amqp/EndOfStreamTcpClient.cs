using System.Net.Sockets;
using RabbitMQ.Client;

namespace Kombu.Transport.Amqp;

/// <summary>The transport's RabbitMQ.Client socket: its stream raises at the end of the stream instead of returning 0.</summary>
/// <remarks>
/// RabbitMQ.Client 7.2.2's frame reader (<c>InboundFrame.ReadFromPipeAsync</c>) only treats a completed pipe as the end when
/// nothing is buffered: when the socket ends after part of a frame, it loops forever on the same partial frame, the
/// connection stays "open", and a consumer without heartbeats waits forever. Raising <see cref="EndOfStreamException"/>
/// from the stream takes its main loop to the usual shutdown ("End of stream") whatever it had buffered.
/// </remarks>
internal sealed class EndOfStreamTcpClient(Socket socket) : TcpClientAdapter(socket)
{
    /// <summary>The <c>ConnectionFactory.SocketFactory</c>: a TCP socket with Nagle off, as the driver's default.</summary>
    /// <param name="addressFamily">The address family to connect with.</param>
    /// <returns>The client.</returns>
    public static ITcpClient Create(AddressFamily addressFamily) =>
        new EndOfStreamTcpClient(new Socket(addressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true });

    /// <inheritdoc/>
    public override NetworkStream GetStream() => new EndOfStreamNetworkStream(Client);
}

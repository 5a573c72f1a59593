using System.Net;
using System.Net.Sockets;

namespace Kombu.Tests.Support;

/// <summary>A TCP listener on 127.0.0.1 that writes back every byte it receives, for testing <see cref="FaultProxy"/>.</summary>
internal sealed class EchoListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public EchoListener()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = EchoAsync(socket);
        }
    }

    private static async Task EchoAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[8192];
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                    await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
            catch (SocketException)
            {
                // The proxy reset the connection: the echo ends with it.
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kombu.Tests.Transports.Beanstalk;

/// <summary>A one-connection TCP server on 127.0.0.1 that answers the first command line with scripted bytes.</summary>
internal sealed class FakeBeanstalkServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;

    /// <summary>Starts serving; after the reply, the server closes the connection when <paramref name="close"/> is set.</summary>
    public FakeBeanstalkServer(string reply, bool close = false)
    {
        _listener.Start();
        _serving = Task.Run(async () =>
        {
            using var socket = await _listener.AcceptSocketAsync();
            var buffer = new byte[4096];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n"))
            {
                var read = await socket.ReceiveAsync(buffer);
                if (read == 0)
                    return;
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            await socket.SendAsync(Encoding.ASCII.GetBytes(reply));
            if (close)
                socket.Shutdown(SocketShutdown.Both);
            else
                await socket.ReceiveAsync(buffer);
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _listener.Stop();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped before a client connected.
        }
    }
}

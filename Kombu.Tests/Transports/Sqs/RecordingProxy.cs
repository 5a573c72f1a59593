using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>A TCP relay on 127.0.0.1 in front of a real server that keeps a copy of every request byte, to read headers.</summary>
internal sealed class RecordingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _requests = new();
    private readonly int _targetPort;

    public RecordingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Everything clients sent so far, as Latin-1 text.</summary>
    public string Requests
    {
        get
        {
            lock (_requests)
                return _requests.ToString();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            var up = PumpAsync(client.GetStream(), server.GetStream(), record: true);
            var down = PumpAsync(server.GetStream(), client.GetStream(), record: false);
            await Task.WhenAny(up, down);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool record)
    {
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (record)
                {
                    lock (_requests)
                        _requests.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closed, or the proxy stopped.
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kombu.Tests.Support;

/// <summary>
/// A small TCP proxy on 127.0.0.1 that forwards to a broker and injects network faults: a stalled link, reset
/// connections, refused connections and a throttled link.
/// </summary>
/// <remarks>
/// Each accepted connection costs two pump tasks (one per direction), no thread. A stalled pump holds what it read
/// and forwards nothing until <see cref="Resume"/>; the sockets stay open, so neither side sees the stall except as
/// silence.
/// </remarks>
internal sealed class FaultProxy : IAsyncDisposable, IDisposable
{
    private const int BufferSize = 16 * 1024;

    // Fewer bytes than any frame header of the protocols proxied (AMQP's is 7): what is forwarded of a cut chunk.
    private const int CutBytes = 3;

    private readonly TcpListener _listener;
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ConcurrentDictionary<ProxiedConnection, byte> _connections = new();
    private readonly Task _accepting;
    private volatile TaskCompletionSource _flowing = NewOpenGate();
    private volatile bool _refuseNew;
    private long _bytesPerSecond;
    private int _accepted;

    private FaultProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptLoopAsync(_disposed.Token);
    }

    /// <summary>The port the proxy listens on (127.0.0.1).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections are being forwarded now.</summary>
    public int LiveConnections => _connections.Count;

    /// <summary>How many connections the proxy has accepted, refused ones included.</summary>
    public int AcceptedConnections => Volatile.Read(ref _accepted);

    /// <summary>Starts a proxy that forwards every connection it accepts to <paramref name="targetHost"/>:<paramref name="targetPort"/>.</summary>
    /// <param name="targetHost">The host to forward to.</param>
    /// <param name="targetPort">The port to forward to.</param>
    /// <returns>The running proxy.</returns>
    public static FaultProxy Start(string targetHost, int targetPort) => new(targetHost, targetPort);

    /// <summary>Stops forwarding in both directions on every connection, old and new, keeping the sockets open.</summary>
    public void Stall()
    {
        var gate = _flowing;
        if (gate.Task.IsCompleted)
            Interlocked.CompareExchange(ref _flowing, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), gate);
    }

    /// <summary>Forwards again after <see cref="Stall"/>, including what was held meanwhile.</summary>
    public void Resume() => _flowing.TrySetResult();

    /// <summary>Resets every live connection: each side gets a TCP RST.</summary>
    public void Reset()
    {
        foreach (var connection in _connections.Keys)
            connection.Reset();
    }

    /// <summary>
    /// Cuts every live connection in the middle of the next chunk the target sends: its first few bytes reach the client,
    /// then both sides are closed with a FIN, as when a broker dies or a middlebox drops the link mid-frame.
    /// </summary>
    public void CutNextChunk()
    {
        foreach (var connection in _connections.Keys)
            connection.ArmCut();
    }

    /// <summary>Closes each new connection at once with a reset, as during an outage, or accepts them again.</summary>
    /// <param name="refuse">Whether to refuse new connections.</param>
    public void RefuseNew(bool refuse) => _refuseNew = refuse;

    /// <summary>Limits each direction of each connection to about <paramref name="bytesPerSecond"/>, or lifts the limit.</summary>
    /// <param name="bytesPerSecond">The rate, or null (or 0) for no limit.</param>
    public void Throttle(long? bytesPerSecond) => Interlocked.Exchange(ref _bytesPerSecond, bytesPerSecond ?? 0);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
            return;
        _disposed.Cancel();
        _listener.Stop();
        _flowing.TrySetResult();
        foreach (var connection in _connections.Keys)
            connection.Close();
        await _accepting.ConfigureAwait(false);
        _disposed.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            if (_refuseNew)
            {
                ProxiedConnection.ResetSocket(client);
                continue;
            }
            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken cancellationToken)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // The target is down: the client sees what it would see without the proxy, a reset.
            ProxiedConnection.ResetSocket(client);
            server.Dispose();
            return;
        }
        var connection = new ProxiedConnection(client, server);
        _connections[connection] = 0;
        try
        {
            await Task.WhenAll(PumpAsync(client, server, connection, fromTarget: false),
                    PumpAsync(server, client, connection, fromTarget: true))
                .ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            connection.Close();
        }
    }

    /// <summary>Sends <paramref name="data"/> once the link flows; throttled, a tenth of a second's worth at a time.</summary>
    private async Task SendAsync(Socket to, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            await _flowing.Task.ConfigureAwait(false);
            var rate = Interlocked.Read(ref _bytesPerSecond);
            var piece = rate > 0 ? (int)Math.Clamp(rate / 10, 1, data.Length) : data.Length;
            await to.SendAsync(data[..piece], SocketFlags.None).ConfigureAwait(false);
            data = data[piece..];
            if (rate > 0)
                await Task.Delay(TimeSpan.FromSeconds((double)piece / rate)).ConfigureAwait(false);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, ProxiedConnection connection, bool fromTarget)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                await _flowing.Task.ConfigureAwait(false);
                var read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    // Half-close: pass the FIN on, keep the other direction running.
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                if (fromTarget && connection.TakeCut())
                {
                    await SendAsync(to, buffer.AsMemory(0, Math.Min(read, CutBytes))).ConfigureAwait(false);
                    connection.Close();
                    return;
                }
                await SendAsync(to, buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // One side went away (or was reset by us): take the other side down the same way.
            if (ex is SocketException { SocketErrorCode: SocketError.ConnectionReset })
                connection.Reset();
            else
                connection.Close();
        }
    }
}

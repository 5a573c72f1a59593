using System.Net.Sockets;

namespace Kombu.Transport.Beanstalk;

/// <summary>One connection to a beanstalkd server, speaking its text protocol (put, reserve, delete, release, bury…).</summary>
/// <remarks>
/// Stands for the <c>beanstalkc.Connection</c> Kombu 2.x used. Thread-safe: commands are serialized, so each
/// command and its reply are never interleaved with another's. Jobs reserved on a connection belong to it: delete,
/// release or bury them on the same client, and the server releases them when the connection closes. A lost
/// connection, a malformed reply or a cancelled command closes the client (its stream is out of step); later calls
/// throw <see cref="BeanstalkConnectionException"/>, so connect a new client. Error replies such as
/// <c>NOT_FOUND</c> throw <see cref="BeanstalkCommandException"/> and leave the connection usable.
/// </remarks>
public sealed partial class BeanstalkClient : IDisposable, IAsyncDisposable
{
    /// <summary>The port beanstalkd listens on by default.</summary>
    public const int DefaultPort = 11300;

    /// <summary>The priority <see cref="PutAsync"/> uses when none is given (2^31, beanstalkc's default).</summary>
    public const uint DefaultPriority = 1u << 31;

    /// <summary>The time-to-run <see cref="PutAsync"/> uses when none is given (120 s, beanstalkc's default).</summary>
    public static readonly TimeSpan DefaultTimeToRun = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan s_defaultConnectTimeout = TimeSpan.FromSeconds(10);
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _closed;

    private BeanstalkClient(Socket socket, string endpoint)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Endpoint = endpoint;
    }

    /// <summary>The server address, as <c>host:port</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Whether the client is still usable (not closed, no connection loss seen).</summary>
    public bool IsConnected => !_closed;

    /// <summary>Connects to a beanstalkd server.</summary>
    /// <param name="host">Host name or address.</param>
    /// <param name="port">TCP port.</param>
    /// <param name="connectTimeout">How long to try; <see langword="null"/> means 10 seconds.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="BeanstalkConnectionException">The server could not be reached.</exception>
    public static async ValueTask<BeanstalkClient> ConnectAsync(string host, int port = DefaultPort,
        TimeSpan? connectTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var timeout = connectTimeout is { } t && t > TimeSpan.Zero ? t : s_defaultConnectTimeout;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new BeanstalkConnectionException(BeanstalkErrors.ConnectTimedOut(host, port, timeout));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new BeanstalkConnectionException(BeanstalkErrors.ConnectFailed(host, port, ex.Message), ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new BeanstalkClient(socket, $"{host}:{port}");
    }

    /// <summary>Closes the connection; the server releases the jobs reserved on it.</summary>
    public void Dispose()
    {
        _closed = true;
        _stream.Dispose();
    }

    /// <summary>Closes the connection; the server releases the jobs reserved on it.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private async ValueTask<T> ExecuteAsync<T>(string command, string line, ReadOnlyMemory<byte>? body,
        Func<BeanstalkReply, T> parse, CancellationToken cancellationToken, params string[] success)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
                throw new BeanstalkConnectionException(BeanstalkErrors.ClientClosed(Endpoint));
            try
            {
                await WriteAsync(line, body, cancellationToken).ConfigureAwait(false);
                var reply = await ReadReplyAsync(command, cancellationToken).ConfigureAwait(false);
                if (Array.IndexOf(success, reply.Status) >= 0)
                    return parse(reply);
                if (IsErrorStatus(reply.Status) && reply.Body is null)
                    throw new BeanstalkCommandException(command, reply.Status, BeanstalkErrors.ServerError(command, reply.Status));
                throw new BeanstalkProtocolException(BeanstalkErrors.Unexpected(command, string.Join(' ', [reply.Status, .. reply.Arguments])));
            }
            catch (Exception ex) when (ex is BeanstalkProtocolException or OperationCanceledException)
            {
                Abort();
                throw;
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                Abort();
                throw new BeanstalkConnectionException(BeanstalkErrors.ConnectionLost(Endpoint, command, ex.Message), ex);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool IsErrorStatus(string status) => status is "OUT_OF_MEMORY" or "INTERNAL_ERROR" or "BAD_FORMAT"
        or "UNKNOWN_COMMAND" or "JOB_TOO_BIG" or "EXPECTED_CRLF" or "DRAINING" or "NOT_FOUND" or "NOT_IGNORED"
        or "DEADLINE_SOON" or "BURIED";

    private void Abort()
    {
        _closed = true;
        _stream.Dispose();
    }
}

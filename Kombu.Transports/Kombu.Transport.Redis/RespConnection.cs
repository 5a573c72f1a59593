using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Kombu.Exceptions;

namespace Kombu.Transport.Redis;

/// <summary>A minimal RESP2 client on its own socket, used only for blocking pops (BRPOP) that a multiplexer cannot run.</summary>
internal sealed class RespConnection : IAsyncDisposable
{
    // Error replies after which the server cannot serve this client's pops: it is loading, or no longer the master.
    private static readonly string[] s_roleChangeReplies = ["UNBLOCKED", "READONLY", "LOADING", "MASTERDOWN", "NOREPLICAS"];

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly BufferedStream _reader;
    private readonly TimeSpan _replyTimeout;
    private long _lastReply = Stopwatch.GetTimestamp();

    private RespConnection(Socket socket, Stream stream, TimeSpan replyTimeout)
    {
        _socket = socket;
        _stream = stream;
        _reader = new BufferedStream(stream, 64 * 1024);
        _replyTimeout = replyTimeout;
    }

    /// <summary>The server-side client id (for <c>CLIENT UNBLOCK</c>).</summary>
    public long ClientId { get; private set; }

    /// <summary>How long ago the last reply arrived.</summary>
    public TimeSpan Idle => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastReply));

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>, authenticates and selects the database.</summary>
    /// <param name="host">The server's host.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="settings">Credentials, database, timeouts and TLS.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connection, named <c>kombu.net-brpop</c> on the server.</returns>
    public static async Task<RespConnection> ConnectAsync(string host, int port, RespSettings settings,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (settings.KeepAlive)
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        try
        {
            RespConnection connection;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(settings.ConnectTimeout);
                await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
                Stream stream = new NetworkStream(socket, ownsSocket: false);
                if (settings.Tls is { } tls)
                {
                    var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                    await secure.AuthenticateAsClientAsync(tls.ForHost(host), timeout.Token).ConfigureAwait(false);
                    stream = secure;
                }
                connection = new RespConnection(socket, stream, settings.ReplyTimeout);
            }
            if (settings.Password is not null)
            {
                await (settings.User is null
                    ? connection.CallAsync("AUTH", settings.Password)
                    : connection.CallAsync("AUTH", settings.User, settings.Password)).ConfigureAwait(false);
            }
            if (settings.Database != 0)
                await connection.CallAsync("SELECT", settings.Database.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await connection.CallAsync("CLIENT", "SETNAME", "kombu.net-brpop").ConfigureAwait(false);
            connection.ClientId = (long)(await connection.CallAsync("CLIENT", "ID").ConfigureAwait(false))!;
            return connection;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether an error reply says the server cannot serve this client now: it is loading, or no longer the master.</summary>
    /// <param name="reply">The error text.</param>
    /// <returns><see langword="true"/> for <c>UNBLOCKED</c>, <c>READONLY</c>, <c>LOADING</c>, <c>MASTERDOWN</c>, <c>NOREPLICAS</c>.</returns>
    public static bool IsRoleChange(string reply) =>
        Array.Exists(s_roleChangeReplies, prefix => reply.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Sends a command that does not block and reads its reply within the reply timeout.</summary>
    /// <param name="args">The command and its arguments.</param>
    /// <returns>The reply: string, long, null or object?[].</returns>
    /// <exception cref="KombuChannelException">Redis answered with an error.</exception>
    /// <exception cref="KombuConnectionException">Redis answered that it cannot serve this client now (it is not the master, or loading).</exception>
    /// <exception cref="OperationCanceledException">No reply within the reply timeout; the connection is then unusable.</exception>
    public async Task<object?> CallAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(_replyTimeout);
        return await SendAsync(args, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Sends a blocking command and reads its reply, however long it takes.</summary>
    /// <param name="args">The command and its arguments.</param>
    /// <returns>The reply.</returns>
    /// <remarks>The read is not bounded here: a caller that stops waiting keeps the task, so a reply Redis sent is still read.</remarks>
    public Task<object?> CallBlockingAsync(params string[] args) => SendAsync(args, CancellationToken.None);

    private async Task<object?> SendAsync(string[] args, CancellationToken cancellationToken)
    {
        var buffer = new StringBuilder();
        buffer.Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args)
            buffer.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(buffer.ToString()), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastReply, Stopwatch.GetTimestamp());
        return reply;
    }

    private async Task<object?> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var kind = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
        var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        switch (kind)
        {
            case (byte)'+':
                return line;
            case (byte)'-':
                if (IsRoleChange(line))
                    throw new KombuConnectionException(RedisMessages.ServerChangedRole(line));
                throw new KombuChannelException(RedisMessages.ServerError(line));
            case (byte)':':
                return long.Parse(line, CultureInfo.InvariantCulture);
            case (byte)'$':
                {
                    var length = int.Parse(line, CultureInfo.InvariantCulture);
                    if (length < 0)
                        return null;
                    var data = new byte[length + 2];
                    await _reader.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
                    return Encoding.UTF8.GetString(data, 0, length);
                }
            case (byte)'*':
                {
                    var count = int.Parse(line, CultureInfo.InvariantCulture);
                    if (count < 0)
                        return null;
                    var items = new object?[count];
                    for (var i = 0; i < count; i++)
                        items[i] = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
                    return items;
                }
            default:
                throw new KombuConnectionException(RedisMessages.UnexpectedReply((char)kind));
        }
    }

    private async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await _reader.ReadExactlyAsync(one, cancellationToken).ConfigureAwait(false);
        return one[0];
    }

    private async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        while (true)
        {
            var b = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
            if (b == '\r')
            {
                await ReadByteAsync(cancellationToken).ConfigureAwait(false);
                return builder.ToString();
            }
            builder.Append((char)b);
        }
    }

    /// <summary>Closes the socket.</summary>
    /// <returns>A task that completes when the streams are disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}

using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Kombu.Exceptions;

namespace Kombu.Transport.Redis;

/// <summary>A minimal RESP2 client on its own socket, used only for blocking pops (BRPOP) that a multiplexer cannot run.</summary>
internal sealed class RespConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly BufferedStream _reader;

    private RespConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
        _reader = new BufferedStream(stream, 64 * 1024);
    }

    /// <summary>The server-side client id (for <c>CLIENT UNBLOCK</c>).</summary>
    public long ClientId { get; private set; }

    public static async Task<RespConnection> ConnectAsync(string host, int port, bool ssl, string? user, string? password,
        int db, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(connectTimeout);
                await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            }
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (ssl)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(host).ConfigureAwait(false);
                stream = tls;
            }
            var connection = new RespConnection(socket, stream);
            if (password is not null)
            {
                await (user is null
                    ? connection.CallAsync(cancellationToken, "AUTH", password)
                    : connection.CallAsync(cancellationToken, "AUTH", user, password)).ConfigureAwait(false);
            }
            if (db != 0)
                await connection.CallAsync(cancellationToken, "SELECT", db.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await connection.CallAsync(cancellationToken, "CLIENT", "SETNAME", "kombu.net-brpop").ConfigureAwait(false);
            connection.ClientId = (long)(await connection.CallAsync(cancellationToken, "CLIENT", "ID").ConfigureAwait(false))!;
            return connection;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and reads its reply: string, long, null, object?[] (errors throw).</summary>
    public async Task<object?> CallAsync(CancellationToken cancellationToken, params string[] args)
    {
        var buffer = new StringBuilder();
        buffer.Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args)
            buffer.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(buffer.ToString()), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
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
                throw new KombuChannelException("Redis error: " + line);
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
                throw new KombuConnectionException($"Unexpected RESP reply type '{(char)kind}'.");
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

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}

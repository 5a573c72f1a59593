using System.Buffers;
using System.Globalization;
using System.Text;

namespace Kombu.Transport.Beanstalk;

public sealed partial class BeanstalkClient
{
    private const int MaxLineLength = 1024;
    private const int MaxBodyLength = 1 << 30;
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    private async ValueTask WriteAsync(string line, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        var lineBytes = Encoding.UTF8.GetByteCount(line);
        var total = lineBytes + 2 + (body is { } b ? b.Length + 2 : 0);
        var frame = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            Encoding.UTF8.GetBytes(line, frame);
            frame[lineBytes] = (byte)'\r';
            frame[lineBytes + 1] = (byte)'\n';
            if (body is { } data)
            {
                data.Span.CopyTo(frame.AsSpan(lineBytes + 2));
                frame[total - 2] = (byte)'\r';
                frame[total - 1] = (byte)'\n';
            }
            await _stream.WriteAsync(frame.AsMemory(0, total), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private async ValueTask<BeanstalkReply> ReadReplyAsync(string command, CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(command, cancellationToken).ConfigureAwait(false);
        var words = line.Split(' ');
        if (words[0].Length == 0 || Array.Exists(words, w => w.Length == 0))
            throw new BeanstalkProtocolException(BeanstalkErrors.Unexpected(command, line));
        var arguments = words[1..];
        var hasBody = (words[0] == "RESERVED" && arguments.Length == 2) || (words[0] == "OK" && arguments.Length == 1);
        byte[]? body = null;
        if (hasBody)
        {
            var length = ParseNumber(command, arguments[^1], "body length");
            if (length > MaxBodyLength)
                throw new BeanstalkProtocolException(BeanstalkErrors.Malformed(command, $"body length {length} is too large"));
            body = await ReadBodyAsync(command, (int)length, cancellationToken).ConfigureAwait(false);
        }
        return new BeanstalkReply(words[0], arguments, body);
    }

    private async ValueTask<string> ReadLineAsync(string command, CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
            if (newline >= 0)
            {
                if (newline == _start || _buffer[newline - 1] != '\r')
                    throw new BeanstalkProtocolException(BeanstalkErrors.Malformed(command, "a reply line does not end with CRLF"));
                var text = Encoding.ASCII.GetString(_buffer, _start, newline - 1 - _start);
                _start = newline + 1;
                return text;
            }
            scanned = _end - _start;
            if (scanned >= MaxLineLength)
                throw new BeanstalkProtocolException(BeanstalkErrors.Malformed(command, $"a reply line is longer than {MaxLineLength} bytes"));
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<byte[]> ReadBodyAsync(string command, int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        var copied = 0;
        while (copied < length)
        {
            if (_start == _end)
                await FillAsync(cancellationToken).ConfigureAwait(false);
            var take = Math.Min(length - copied, _end - _start);
            Array.Copy(_buffer, _start, body, copied, take);
            _start += take;
            copied += take;
        }
        while (_end - _start < 2)
            await FillAsync(cancellationToken).ConfigureAwait(false);
        if (_buffer[_start] != '\r' || _buffer[_start + 1] != '\n')
            throw new BeanstalkProtocolException(BeanstalkErrors.Malformed(command, $"the {length}-byte data block is not followed by CRLF"));
        _start += 2;
        return body;
    }

    // Reads more bytes after the unread ones, compacting the buffer first.
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
            throw new IOException("the server closed the connection");
        _end += read;
    }

    private static long ParseNumber(string command, string text, string what) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BeanstalkProtocolException(BeanstalkErrors.Malformed(command, $"the {what} '{text}' is not a number"));

    private static void ValidateTube(string tube)
    {
        ArgumentNullException.ThrowIfNull(tube);
        if (tube.Length == 0 || Encoding.UTF8.GetByteCount(tube) > 200 || tube.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException(BeanstalkErrors.InvalidName(tube), nameof(tube));
    }
}

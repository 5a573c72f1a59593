using System.Text;

namespace Kombu.Serialization;

/// <summary>A reusable text writer that stores what it is given as UTF-8 bytes in a growing buffer.</summary>
/// <remarks>Built for ASCII-escaped JSON: ASCII characters are copied byte for byte without an encoder.</remarks>
internal sealed class ByteBufferTextWriter : TextWriter
{
    private const int KeepCapacity = 64 * 1024;
    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>Whether the buffer is small enough to keep for the next use.</summary>
    public bool IsWorthKeeping => _buffer.Length <= KeepCapacity;

    /// <inheritdoc/>
    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Copies the bytes written so far into a new array.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => _length = 0;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (value < 0x80)
        {
            Ensure(1);
            _buffer[_length++] = (byte)value;
        }
        else
        {
            Write(new ReadOnlySpan<char>(in value));
        }
    }

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override void Write(string? value) => Write(value.AsSpan());

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer)
    {
        Ensure(buffer.Length);
        var target = _buffer.AsSpan(_length);
        var i = 0;
        for (; i < buffer.Length && buffer[i] < 0x80; i++)
            target[i] = (byte)buffer[i];
        _length += i;
        if (i < buffer.Length)
        {
            var rest = buffer[i..];
            Ensure(Encoding.UTF8.GetMaxByteCount(rest.Length));
            _length += Encoding.UTF8.GetBytes(rest, _buffer.AsSpan(_length));
        }
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length)
            return;
        var size = Math.Max(_buffer.Length * 2, _length + extra);
        Array.Resize(ref _buffer, size);
    }
}

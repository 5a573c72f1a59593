namespace Kombu.Serialization;

/// <summary>A reusable <see cref="TextReader"/> over a slice of a (pooled) char array, so decoding needs no string copy.</summary>
internal sealed class PooledCharReader : TextReader
{
    private char[] _chars = [];
    private int _position;
    private int _length;

    /// <summary>Points the reader at the first <paramref name="length"/> chars of <paramref name="chars"/>.</summary>
    public void Reset(char[] chars, int length)
    {
        _chars = chars;
        _position = 0;
        _length = length;
    }

    /// <inheritdoc/>
    public override int Peek() => _position < _length ? _chars[_position] : -1;

    /// <inheritdoc/>
    public override int Read() => _position < _length ? _chars[_position++] : -1;

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        var n = Math.Min(buffer.Length, _length - _position);
        if (n <= 0)
            return 0;
        _chars.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}

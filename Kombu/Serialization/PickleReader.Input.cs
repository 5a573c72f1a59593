using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Kombu.Serialization;

/// <content>Reading bytes, length prefixes and the text lines of protocol 0.</content>
internal sealed partial class PickleReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static readonly Encoding StrictAscii =
        Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private byte ReadByte() => _pos < _data.Length ? _data[_pos++] : throw Bad("truncated pickle (no STOP)");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _pos)
            throw Bad($"truncated pickle: {count} bytes wanted at offset {_pos}, {_data.Length - _pos} left");
        var span = _data.AsSpan(_pos, count);
        _pos += count;
        return span;
    }

    /// <summary>Reads a little-endian length prefix and checks it against the bytes that are left.</summary>
    private int ReadLength(int size)
    {
        var raw = size == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Take(4)) : BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        var left = (ulong)(_data.Length - _pos);
        return raw <= left ? (int)raw : throw Bad($"length prefix {raw} exceeds the {left} bytes left");
    }

    private ReadOnlySpan<byte> ReadLine()
    {
        var rest = _data.AsSpan(_pos);
        var end = rest.IndexOf((byte)'\n');
        if (end < 0)
            throw Bad("truncated pickle: line without newline");
        _pos += end + 1;
        return rest[..end];
    }

    private string ReadLineText() => Utf8(ReadLine());

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw Bad($"invalid UTF-8 in a string: {ex.Message}");
        }
    }

    private static string Ascii(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictAscii.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Bad("a Python 2 str with non-ASCII bytes (Python 3 would need encoding='bytes')");
        }
    }

    private object ParseIntLine()
    {
        var text = Ascii(ReadLine());
        return text switch
        {
            "00" => false,
            "01" => true,
            _ => ParseInteger(text),
        };
    }

    private object ParseLongLine() => ParseInteger(Ascii(ReadLine()).TrimEnd('L'));

    private static object ParseInteger(string text) =>
        BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? Normalize(value)
            : throw Bad($"invalid integer '{Shorten(text)}'");

    private long ParseMemoIndex() =>
        long.TryParse(Ascii(ReadLine()), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw Bad("invalid memo index");

    private double ParseFloatLine()
    {
        var text = Ascii(ReadLine()).Trim();
        return text.ToLowerInvariant() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Bad($"invalid float '{Shorten(text)}'"),
        };
    }

    /// <summary>Decodes protocol 0's <c>STRING</c>: a quoted Python 2 literal, unescaped, then read as ASCII.</summary>
    private string ParseStringLine()
    {
        var line = ReadLine();
        if (line.Length < 2 || line[0] != line[^1] || (line[0] != '\'' && line[0] != '"'))
            throw Bad("the STRING opcode argument must be quoted");
        var body = line[1..^1];
        var bytes = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 >= body.Length)
            {
                bytes.Add(body[i]);
                continue;
            }
            var c = (char)body[++i];
            switch (c)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'x' when i + 2 < body.Length:
                    bytes.Add(byte.Parse(Encoding.ASCII.GetString(body.Slice(i + 1, 2)), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                default: bytes.Add((byte)c); break;
            }
        }
        return Ascii(bytes.ToArray());
    }

    /// <summary>Decodes protocol 0's <c>UNICODE</c> argument (Python's <c>raw-unicode-escape</c>).</summary>
    private static string RawUnicodeEscape(ReadOnlySpan<byte> line)
    {
        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && (line[i + 1] == 'u' || line[i + 1] == 'U'))
            {
                var digits = line[i + 1] == 'u' ? 4 : 8;
                if (i + 2 + digits > line.Length || !int.TryParse(Encoding.ASCII.GetString(line.Slice(i + 2, digits)),
                        NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF)
                {
                    throw Bad("invalid \\u escape in a UNICODE argument");
                }

                text.Append(code <= 0xFFFF ? ((char)code).ToString() : char.ConvertFromUtf32(code));
                i += 1 + digits;
            }
            else
            {
                text.Append((char)line[i]);
            }
        }
        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

using System.Buffers;
using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using Kombu.Exceptions;
using MessagePack;

namespace Kombu.Serialization;

/// <summary>Kombu's <c>msgpack</c> serializer: <c>packb(use_bin_type=True)</c> and <c>unpackb(raw=False)</c> semantics.</summary>
/// <remarks>
/// Text is a msgpack str and byte arrays a bin, integers take their smallest encoding, sequences become arrays and
/// dictionaries maps. Decoding yields <see cref="Dictionary{TKey,TValue}"/> of string to object (or of object to
/// object when a key is not text), <see cref="List{T}"/> of object, <see cref="long"/> (or <see cref="ulong"/> above
/// <see cref="long.MaxValue"/>), <see cref="double"/>, <see cref="string"/>, byte arrays, <see cref="bool"/> and
/// <see langword="null"/>; a timestamp extension becomes a UTC <see cref="DateTime"/>.
/// </remarks>
public static class KombuMsgPack
{
    private const int MaxDepth = 512;

    /// <summary>Serializes a value to MessagePack.</summary>
    /// <param name="value">Plain data: dictionaries, sequences, text, bytes, numbers, booleans or null.</param>
    /// <returns>The MessagePack bytes.</returns>
    /// <exception cref="EncodeException">The value (or one inside it) has no MessagePack form.</exception>
    public static byte[] Serialize(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value, 0);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Deserializes one MessagePack value.</summary>
    /// <param name="data">The MessagePack bytes.</param>
    /// <returns>The plain value.</returns>
    /// <exception cref="DecodeException">The bytes are malformed, truncated, or followed by extra data.</exception>
    public static object? Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var reader = new MessagePackReader(data);
        object? value;
        try
        {
            value = Read(ref reader, 0);
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new DecodeException(ErrorMessages.MsgPackInvalid(ex.Message), ex);
        }
        return reader.End ? value : throw new DecodeException(ErrorMessages.MsgPackInvalid("extra data after the value"));
    }

    private static void Write(ref MessagePackWriter w, object? value, int depth)
    {
        if (depth > MaxDepth)
            throw new EncodeException(ErrorMessages.TooDeep("MessagePack", MaxDepth));
        switch (value)
        {
            case null: w.WriteNil(); break;
            case bool b: w.Write(b); break;
            case string s: w.Write(s); break;
            case byte[] bytes: w.Write(bytes); break;
            case ReadOnlyMemory<byte> memory: w.Write(memory.Span); break;
            case double d: w.Write(d); break;
            case float f: w.Write((double)f); break;
            case sbyte or short or int or long: w.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case byte or ushort or uint or ulong: w.Write(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case BigInteger big when big >= long.MinValue && big <= ulong.MaxValue:
                if (big.Sign < 0) w.Write((long)big); else w.Write((ulong)big);
                break;
            case IDictionary dict:
                w.WriteMapHeader(dict.Count);
                foreach (DictionaryEntry entry in dict)
                {
                    Write(ref w, entry.Key, depth + 1);
                    Write(ref w, entry.Value, depth + 1);
                }
                break;
            case ITuple tuple when value is not IEnumerable:
                w.WriteArrayHeader(tuple.Length);
                for (var i = 0; i < tuple.Length; i++)
                    Write(ref w, tuple[i], depth + 1);
                break;
            case ICollection list:
                w.WriteArrayHeader(list.Count);
                foreach (var item in list)
                    Write(ref w, item, depth + 1);
                break;
            case IEnumerable sequence:
                Write(ref w, sequence.Cast<object?>().ToList(), depth);
                break;
            default:
                throw new EncodeException(ErrorMessages.UnsupportedValue("MessagePack", value));
        }
    }

    private static object? Read(ref MessagePackReader r, int depth)
    {
        if (depth > MaxDepth)
            throw new DecodeException(ErrorMessages.TooDeep("MessagePack", MaxDepth));
        switch (r.NextMessagePackType)
        {
            case MessagePackType.Nil: r.ReadNil(); return null;
            case MessagePackType.Boolean: return r.ReadBoolean();
            case MessagePackType.Integer:
                return r.NextCode == MessagePackCode.UInt64 ? Narrow(r.ReadUInt64()) : r.ReadInt64();
            case MessagePackType.Float: return r.ReadDouble();
            case MessagePackType.String: return r.ReadString();
            case MessagePackType.Binary: return r.ReadBytes()?.ToArray();
            case MessagePackType.Array:
                var count = r.ReadArrayHeader();
                var list = new List<object?>(Math.Min(count, 1024));
                for (var i = 0; i < count; i++)
                    list.Add(Read(ref r, depth + 1));
                return list;
            case MessagePackType.Map:
                return ReadMap(ref r, depth);
            case MessagePackType.Extension:
                var header = r.TryReadExtensionFormatHeader(out var ext) ? ext : throw new EndOfStreamException();
                if (header.TypeCode == -1)
                    return r.ReadDateTime(header);
                throw new DecodeException(ErrorMessages.MsgPackInvalid($"extension type {header.TypeCode} is not supported"));
            default:
                throw new DecodeException(ErrorMessages.MsgPackInvalid($"unknown format byte 0x{r.NextCode:x2}"));
        }
    }

    private static object ReadMap(ref MessagePackReader r, int depth)
    {
        var count = r.ReadMapHeader();
        var capacity = Math.Min(count, 1024);
        var keys = new List<object>(capacity);
        var values = new List<object?>(capacity);
        for (var i = 0; i < count; i++)
        {
            keys.Add(Read(ref r, depth + 1) ?? throw new DecodeException(ErrorMessages.MsgPackInvalid("nil map key")));
            values.Add(Read(ref r, depth + 1));
        }
        if (keys.TrueForAll(static k => k is string))
        {
            var map = new Dictionary<string, object?>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
                map[(string)keys[i]] = values[i];
            return map;
        }
        var any = new Dictionary<object, object?>(count, PythonKeyComparer.Instance!);
        for (var i = 0; i < count; i++)
            any[keys[i] is List<object?> l ? l.ToArray() : keys[i]] = values[i];
        return any;
    }

    private static object Narrow(ulong value) => value <= long.MaxValue ? (object)(long)value : value;
}

using System.Buffers.Binary;
using System.Collections;
using System.Collections.Frozen;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Kombu.Exceptions;
using static Kombu.Serialization.PickleOpcodes;

namespace Kombu.Serialization;

/// <summary>Writes plain .NET data as a protocol 2 or 4 pickle that Python's <c>pickle.loads</c> reads.</summary>
internal sealed class PickleWriter
{
    private const int MaxDepth = 512;
    private readonly MemoryStream _out = new();
    private readonly int _protocol;

    private PickleWriter(int protocol) => _protocol = protocol;

    /// <summary>Pickles one value.</summary>
    /// <exception cref="EncodeException">A value has no plain-data pickle, or the protocol is not 2 or 4.</exception>
    public static byte[] Write(object? value, int protocol)
    {
        if (protocol is not (2 or 4))
            throw new EncodeException(ErrorMessages.PickleUnsupportedProtocol(protocol));
        var writer = new PickleWriter(protocol);
        writer._out.Write([Proto, (byte)protocol]);
        writer.Value(value, 0);
        writer._out.WriteByte(Stop);
        return writer._out.ToArray();
    }

    private void Value(object? value, int depth)
    {
        if (depth > MaxDepth)
            throw new EncodeException(ErrorMessages.TooDeep("pickle", MaxDepth));
        switch (value)
        {
            case null: Op(PickleOpcodes.None); break;
            case bool b: Op(b ? NewTrue : NewFalse); break;
            case string s: Text(s); break;
            case byte[] bytes: Bytes(bytes); break;
            case ReadOnlyMemory<byte> memory: Bytes(memory.ToArray()); break;
            case double d: Double(d); break;
            case float f: Double(f); break;
            case decimal m: Reduce("decimal", "Decimal", [m.ToString(System.Globalization.CultureInfo.InvariantCulture)], depth); break;
            case Guid g: Uuid(g); break;
            case DateTimeOffset dto: DateTime(dto.DateTime, dto.Offset, depth); break;
            case DateTime dt: DateTime(dt, dt.Kind == DateTimeKind.Utc ? TimeSpan.Zero : null, depth); break;
            case DateOnly date: Reduce("datetime", "date", [PickleStdlib.DateState(date)], depth); break;
            case TimeOnly time: Reduce("datetime", "time", [PickleStdlib.TimeState(time)], depth); break;
            case TimeSpan span: TimeDelta(span, depth); break;
            case BigInteger big: Integer(big); break;
            case sbyte or byte or short or ushort or int or uint or long: Integer(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case ulong or nint or nuint or Int128 or UInt128: Integer(BigInteger.Parse(value.ToString()!, System.Globalization.CultureInfo.InvariantCulture)); break;
            case object?[] tuple: Tuple(tuple, depth); break;
            case ITuple tuple: Tuple([.. Enumerable.Range(0, tuple.Length).Select(i => tuple[i])], depth); break;
            case IDictionary dict: Dict(dict, depth); break;
            case FrozenSet<object?> frozen: Set(frozen, frozen: true, depth); break;
            case ISet<object?> set: Set(set, frozen: false, depth); break;
            case IEnumerable list: List(list, depth); break;
            default: throw new EncodeException(ErrorMessages.PickleUnsupportedValue(value));
        }
    }

    private void Op(byte op) => _out.WriteByte(op);

    private void Integer(long value)
    {
        if (value is >= 0 and <= 0xFF)
        {
            _out.Write([BinInt1, (byte)value]);
        }
        else if (value is >= 0 and <= 0xFFFF)
        {
            Op(BinInt2);
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value);
            _out.Write(b);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            Op(BinInt);
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)value);
            _out.Write(b);
        }
        else
        {
            Integer(new BigInteger(value));
        }
    }

    private void Integer(BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue && (long)value is >= int.MinValue and <= int.MaxValue)
        {
            Integer((long)value);
            return;
        }
        var bytes = value.ToByteArray(isUnsigned: false, isBigEndian: false);
        if (bytes.Length < 256)
            _out.Write([Long1, (byte)bytes.Length]);
        else
            Length(Long4, bytes.Length);
        _out.Write(bytes);
    }

    private void Double(double value)
    {
        Op(BinFloat);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, value);
        _out.Write(b);
    }

    private void Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (_protocol >= 4 && bytes.Length < 256)
            _out.Write([ShortBinUnicode, (byte)bytes.Length]);
        else
            Length(BinUnicode, bytes.Length);
        _out.Write(bytes);
    }

    private void Bytes(byte[] value)
    {
        if (_protocol >= 4)
        {
            if (value.Length < 256)
                _out.Write([ShortBinBytes, (byte)value.Length]);
            else
                Length(BinBytes, value.Length);
            _out.Write(value);
            return;
        }
        // Protocol 2 has no bytes opcode; Python 3 pickles bytes as _codecs.encode(latin-1 text, 'latin1').
        if (value.Length == 0)
        {
            Global("__builtin__", "bytes");
            Op(EmptyTuple);
            Op(PickleOpcodes.Reduce);
            return;
        }
        Global("_codecs", "encode");
        Text(Encoding.Latin1.GetString(value));
        Text("latin1");
        Op(Tuple2);
        Op(PickleOpcodes.Reduce);
    }

    private void Length(byte op, int length)
    {
        Op(op);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, length);
        _out.Write(b);
    }

    private void Global(string module, string name)
    {
        if (_protocol >= 4)
        {
            Text(module);
            Text(name);
            Op(StackGlobal);
            return;
        }
        Op(PickleOpcodes.Global);
        _out.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    }

    private void Reduce(string module, string name, object?[] args, int depth)
    {
        Global(module, name);
        Tuple(args, depth + 1);
        Op(PickleOpcodes.Reduce);
    }

    private void Tuple(object?[] items, int depth)
    {
        if (items.Length is > 0 and <= 3)
        {
            foreach (var item in items)
                Value(item, depth + 1);
            Op(items.Length switch { 1 => Tuple1, 2 => Tuple2, _ => Tuple3 });
            return;
        }
        if (items.Length == 0)
        {
            Op(EmptyTuple);
            return;
        }
        Op(Mark);
        foreach (var item in items)
            Value(item, depth + 1);
        Op(PickleOpcodes.Tuple);
    }

    private void List(IEnumerable items, int depth)
    {
        Op(EmptyList);
        Op(Mark);
        foreach (var item in items)
            Value(item, depth + 1);
        Op(Appends);
    }

    private void Dict(IDictionary dict, int depth)
    {
        Op(EmptyDict);
        Op(Mark);
        foreach (DictionaryEntry entry in dict)
        {
            Value(entry.Key, depth + 1);
            Value(entry.Value, depth + 1);
        }
        Op(SetItems);
    }

    private void Set(IEnumerable<object?> items, bool frozen, int depth)
    {
        if (_protocol < 4)
        {
            Reduce("__builtin__", frozen ? "frozenset" : "set", [items.ToList()], depth);
            return;
        }
        if (!frozen)
            Op(EmptySet);
        Op(Mark);
        foreach (var item in items)
            Value(item, depth + 1);
        Op(frozen ? PickleOpcodes.FrozenSet : AddItems);
    }

    private void DateTime(DateTime value, TimeSpan? offset, int depth)
    {
        var state = PickleStdlib.DateTimeState(value);
        if (offset is not { } o)
        {
            Reduce("datetime", "datetime", [state], depth);
            return;
        }
        Global("datetime", "datetime");
        Value(state, depth + 1);
        Global("datetime", "timezone");
        TimeDelta(o, depth + 1);
        Op(Tuple1);
        Op(PickleOpcodes.Reduce);
        Op(Tuple2);
        Op(PickleOpcodes.Reduce);
    }

    private void TimeDelta(TimeSpan value, int depth)
    {
        var (days, seconds, micro) = PickleStdlib.TimeDeltaFields(value);
        Reduce("datetime", "timedelta", [days, seconds, micro], depth);
    }

    private void Uuid(Guid value)
    {
        Global("uuid", "UUID");
        Op(EmptyTuple);
        Op(NewObj);
        Op(EmptyDict);
        Text("int");
        Integer(PickleStdlib.GuidToInt(value));
        Op(SetItem);
        Op(Build);
    }
}

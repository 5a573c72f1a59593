using System.Buffers.Binary;
using System.Numerics;
using Kombu.Exceptions;
using static Kombu.Serialization.PickleOpcodes;

namespace Kombu.Serialization;

/// <summary>A restricted unpickler for protocols 0 to 5 that builds plain data and an allow-list of stdlib values only.</summary>
/// <remarks>
/// It never imports or calls anything: <c>GLOBAL</c>/<c>STACK_GLOBAL</c> outside the allow-list, <c>INST</c>, <c>OBJ</c>,
/// <c>EXT*</c>, persistent ids and out-of-band buffers fail with <see cref="DecodeException"/>. Every length prefix is
/// checked against the bytes left before anything is allocated.
/// </remarks>
internal sealed partial class PickleReader
{
    private readonly byte[] _data;
    private readonly List<object?> _stack = [];
    private readonly List<int> _marks = [];
    private readonly Dictionary<long, object?> _memo = [];
    private int _pos;

    private PickleReader(byte[] data) => _data = data;

    /// <summary>Unpickles one value.</summary>
    /// <exception cref="DecodeException">The pickle is malformed, truncated, or asks for something that is not plain data.</exception>
    public static object? Read(byte[] data) => new PickleReader(data).Run();

    private object? Run()
    {
        while (true)
        {
            var op = ReadByte();
            if (op == Stop)
                return Finish(Pop());
            Step(op);
        }
    }

    private void Step(byte op)
    {
        switch (op)
        {
            case Proto: if (ReadByte() > 5) throw Bad("unsupported pickle protocol"); break;
            case Frame: ReadLength(8); break;
            case Mark: _marks.Add(_stack.Count); break;
            case PickleOpcodes.Pop: if (_stack.Count > 0 && (_marks.Count == 0 || _marks[^1] < _stack.Count)) Pop(); else PopMarked(); break;
            case PopMark: PopMarked(); break;
            case Dup: Push(Peek()); break;
            case PickleOpcodes.None: Push(null); break;
            case NewTrue: Push(true); break;
            case NewFalse: Push(false); break;
            case Int: Push(ParseIntLine()); break;
            case Long: Push(ParseLongLine()); break;
            case BinInt: Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
            case BinInt1: Push((long)ReadByte()); break;
            case BinInt2: Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
            case Long1: Push(Normalize(new BigInteger(Take(ReadByte()), isUnsigned: false, isBigEndian: false))); break;
            case Long4: Push(Normalize(new BigInteger(Take(ReadLength(4)), isUnsigned: false, isBigEndian: false))); break;
            case Float: Push(ParseFloatLine()); break;
            case BinFloat: Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
            case PickleOpcodes.String: Push(ParseStringLine()); break;
            case BinString: Push(Ascii(Take(ReadLength(4)))); break;
            case ShortBinString: Push(Ascii(Take(ReadByte()))); break;
            case Unicode: Push(RawUnicodeEscape(ReadLine())); break;
            case ShortBinUnicode: Push(Utf8(Take(ReadByte()))); break;
            case BinUnicode: Push(Utf8(Take(ReadLength(4)))); break;
            case BinUnicode8: Push(Utf8(Take(ReadLength(8)))); break;
            case ShortBinBytes: Push(Take(ReadByte()).ToArray()); break;
            case BinBytes: Push(Take(ReadLength(4)).ToArray()); break;
            case BinBytes8: Push(Take(ReadLength(8)).ToArray()); break;
            case ByteArray8: Push(Take(ReadLength(8)).ToArray()); break;
            case EmptyTuple: Push(Array.Empty<object?>()); break;
            case Tuple1: Push(new[] { Pop() }); break;
            case Tuple2: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
            case Tuple3: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }
            case PickleOpcodes.Tuple: Push(PopMarked().ToArray()); break;
            case EmptyList: Push(new List<object?>()); break;
            case PickleOpcodes.List: Push(PopMarked()); break;
            case Append: { var item = Pop(); AsList(Peek()).Add(item); break; }
            case Appends: { var items = PopMarked(); AsList(Peek()).AddRange(items); break; }
            case EmptyDict: Push(NewDict()); break;
            case PickleOpcodes.Dict: { var items = PopMarked(); var dict = NewDict(); AddPairs(dict, items); Push(dict); break; }
            case SetItem: { var value = Pop(); var key = Pop(); AddPairs(AsDict(Peek()), [key, value]); break; }
            case SetItems: { var items = PopMarked(); AddPairs(AsDict(Peek()), items); break; }
            case EmptySet: Push(new HashSet<object?>(PythonKeyComparer.Instance)); break;
            case AddItems: { var items = PopMarked(); AddToSet(Peek(), items); break; }
            case PickleOpcodes.FrozenSet: Push(NewFrozenSet(PopMarked())); break;
            case Put: _memo[ParseMemoIndex()] = Peek(); break;
            case BinPut: _memo[ReadByte()] = Peek(); break;
            case LongBinPut: _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(); break;
            case Memoize: _memo[_memo.Count] = Peek(); break;
            case Get: Push(Recall(ParseMemoIndex())); break;
            case BinGet: Push(Recall(ReadByte())); break;
            case LongBinGet: Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break;
            case PickleOpcodes.Global: { var module = ReadLineText(); Push(LookUp(module, ReadLineText())); break; }
            case StackGlobal: { var name = Pop() as string; var module = Pop() as string; Push(LookUp(module ?? throw Bad("STACK_GLOBAL needs strings"), name ?? throw Bad("STACK_GLOBAL needs strings"))); break; }
            case Reduce: { var args = Pop(); Push(CallAllowed(Pop(), args)); break; }
            case NewObj: { var args = Pop(); Push(NewAllowed(Pop(), args)); break; }
            case NewObjEx: { Pop(); var args = Pop(); Push(NewAllowed(Pop(), args)); break; }
            case Build: { var state = Pop(); ApplyState(Peek(), state); break; }
            case Inst: throw Refused($"{ReadLineText()}.{ReadLineText()}", "INST");
            case Obj: throw Refused(Describe(PopMarked().FirstOrDefault()), "OBJ");
            case PersId or BinPersId: throw Bad("persistent ids are not supported");
            case Ext1 or Ext2 or Ext4: throw Bad("extension registry codes (EXT1/EXT2/EXT4) are not supported");
            case NextBuffer or ReadOnlyBuffer: throw Bad("out-of-band buffers (NEXT_BUFFER) are not supported");
            default: throw Bad($"unknown opcode 0x{op:x2} at offset {_pos - 1}");
        }
    }

    private void Push(object? value) => _stack.Add(value);

    private object? Peek() => _stack.Count > 0 && (_marks.Count == 0 || _marks[^1] < _stack.Count)
        ? _stack[^1]
        : throw Bad("stack underflow");

    private object? Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private List<object?> PopMarked()
    {
        if (_marks.Count == 0)
            throw Bad("no MARK on the stack");
        var start = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private object? Recall(long index) =>
        _memo.TryGetValue(index, out var value) ? value : throw Bad($"memo key {index} not found");

    private static Dictionary<object, object?> NewDict() => new(PythonKeyComparer.Instance!);

    private static List<object?> AsList(object? target) =>
        target as List<object?> ?? throw Bad($"APPEND to {Describe(target)}, not a list");

    private static Dictionary<object, object?> AsDict(object? target) =>
        target as Dictionary<object, object?> ?? throw Bad($"SETITEM on {Describe(target)}, not a dict");

    private static void AddPairs(Dictionary<object, object?> dict, List<object?> items)
    {
        if (items.Count % 2 != 0)
            throw Bad("odd number of items for a dict");
        for (var i = 0; i < items.Count; i += 2)
            dict[items[i] ?? throw Bad("None as a dict key is not supported")] = items[i + 1];
    }

    private static void AddToSet(object? target, List<object?> items)
    {
        var set = target as HashSet<object?> ?? throw Bad($"ADDITEMS on {Describe(target)}, not a set");
        foreach (var item in items)
            set.Add(item);
    }

    private static object Normalize(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;

    internal static string Describe(object? value) => value switch
    {
        null => "None",
        PickleGlobal g => g.FullName,
        _ => value.GetType().Name,
    };

    private static DecodeException Bad(string why) => new(ErrorMessages.PickleInvalid(why));

    private static DecodeException Refused(string global, string opcode) => new(ErrorMessages.PickleRefused(global, opcode));
}

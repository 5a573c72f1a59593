using System.Collections.Frozen;
using System.Numerics;

namespace Kombu.Serialization;

/// <content>The allow-list of stdlib globals and what calling each of them yields.</content>
internal sealed partial class PickleReader
{
    private static readonly FrozenSet<string> Allowed = new[]
    {
        "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta", "datetime.timezone",
        "decimal.Decimal", "uuid.UUID", "_codecs.encode", "copyreg._reconstructor",
        "builtins.bytes", "builtins.bytearray", "builtins.set", "builtins.frozenset", "builtins.object",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static PickleGlobal LookUp(string module, string name)
    {
        module = module switch { "__builtin__" => "builtins", "copy_reg" => "copyreg", _ => module };
        var global = new PickleGlobal(module, name);
        return Allowed.Contains(global.FullName) ? global : throw Refused(global.FullName, "GLOBAL");
    }

    private static object? CallAllowed(object? callable, object? args)
    {
        if (callable is not PickleGlobal g)
            throw Refused(Describe(callable), "REDUCE");
        if (args is not object?[] a)
            throw Bad($"REDUCE arguments for {g.FullName} must be a tuple");
        return g.FullName switch
        {
            "datetime.datetime" => PickleStdlib.DateTime(a),
            "datetime.date" => PickleStdlib.Date(a),
            "datetime.time" => PickleStdlib.Time(a),
            "datetime.timedelta" => PickleStdlib.TimeDelta(a),
            "datetime.timezone" when a is [TimeSpan offset, ..] => new PickleTimeZone(offset),
            "decimal.Decimal" when a is [string text] => PickleStdlib.Decimal(text),
            "_codecs.encode" when a is [string text, string encoding] => Latin1(text, encoding),
            "builtins.bytes" or "builtins.bytearray" => a switch
            {
                [] => Array.Empty<byte>(),
                [byte[] bytes] => bytes,
                [string text, string encoding] => Latin1(text, encoding),
                _ => throw Bad($"unsupported arguments for {g.FullName}"),
            },
            "builtins.set" => new HashSet<object?>(a is [IEnumerable<object?> items] ? items : [], PythonKeyComparer.Instance),
            "builtins.frozenset" => NewFrozenSet(a is [IEnumerable<object?> items] ? items : []),
            "copyreg._reconstructor" when a is [PickleGlobal { FullName: "uuid.UUID" }, PickleGlobal { FullName: "builtins.object" }, null] =>
                new PicklePendingUuid(),
            _ => throw Refused(g.FullName, "REDUCE"),
        };
    }

    private static object NewAllowed(object? cls, object? args) =>
        cls is PickleGlobal { FullName: "uuid.UUID" } && args is object?[] { Length: 0 }
            ? new PicklePendingUuid()
            : throw Refused(Describe(cls), "NEWOBJ");

    private static void ApplyState(object? target, object? state)
    {
        if (target is not PicklePendingUuid pending)
            throw Refused(Describe(target), "BUILD");
        if (state is not Dictionary<object, object?> fields || !fields.TryGetValue("int", out var value))
            throw Bad("uuid.UUID state without 'int'");
        var number = value switch { long l => new BigInteger(l), BigInteger b => b, _ => BigInteger.MinusOne };
        if (number.Sign < 0 || number.GetByteCount(isUnsigned: true) > 16)
            throw Bad("uuid.UUID 'int' out of range");
        var bytes = new byte[16];
        number.TryWriteBytes(bytes.AsSpan(16 - number.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        pending.Value = new Guid(bytes, bigEndian: true);
    }

    private static FrozenSet<object?> NewFrozenSet(IEnumerable<object?> items) => items.ToFrozenSet(PythonKeyComparer.Instance);

    private static byte[] Latin1(string text, string encoding)
    {
        if (encoding.ToLowerInvariant() is not ("latin1" or "latin-1" or "iso-8859-1"))
            throw Bad($"_codecs.encode with encoding '{encoding}' is not supported");
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
            bytes[i] = text[i] <= 0xFF ? (byte)text[i] : throw Bad("a latin-1 string with a character above U+00FF");
        return bytes;
    }
}

using Kombu.Exceptions;

namespace Kombu.Serialization;

/// <summary>Kombu's <c>pickle</c> serializer, restricted to plain data: a safe unpickler for protocols 0–5 and a writer for 2 and 4.</summary>
/// <remarks>
/// Reading yields <see langword="null"/>, <see cref="bool"/>, <see cref="long"/> or <see cref="System.Numerics.BigInteger"/>,
/// <see cref="double"/>, <see cref="string"/>, byte arrays (bytes and bytearray), <c>object?[]</c> (tuple),
/// <see cref="List{T}"/> of object, <see cref="Dictionary{TKey,TValue}"/> of string (or, with other keys, of object) to
/// object, <see cref="HashSet{T}"/> (set), <see cref="System.Collections.Frozen.FrozenSet{T}"/> (frozenset),
/// <see cref="DateTime"/> (naive datetime), <see cref="DateTimeOffset"/> (datetime with a fixed-offset tzinfo),
/// <see cref="DateOnly"/>, <see cref="TimeOnly"/>, <see cref="TimeSpan"/> (timedelta), <see cref="decimal"/> and
/// <see cref="Guid"/>. Any other global, and any opcode that would build another object, is refused with
/// <see cref="DecodeException"/> naming it; nothing is ever imported or called.
/// Writing defaults to protocol 4, what Kombu 5 itself writes and every Python 3.4+ peer reads with native bytes
/// and sets; protocol 2 is there for Python 2 peers (Kombu 3/4).
/// </remarks>
public static class PythonPickle
{
    /// <summary>The protocol <see cref="Serialize"/> writes unless told otherwise (4, as Kombu 5).</summary>
    public const int DefaultProtocol = 4;

    /// <summary>Pickles plain data.</summary>
    /// <param name="value">The value; see the remarks for the supported types (and <see cref="System.Runtime.CompilerServices.ITuple"/> as tuple).</param>
    /// <param name="protocol">2 or 4.</param>
    /// <returns>The pickle bytes.</returns>
    /// <exception cref="EncodeException">A value has no plain-data pickle, or the protocol is not 2 or 4.</exception>
    public static byte[] Serialize(object? value, int protocol = DefaultProtocol) => PickleWriter.Write(value, protocol);

    /// <summary>Unpickles plain data from any protocol 0–5 pickle, refusing everything else.</summary>
    /// <param name="data">The pickle bytes.</param>
    /// <returns>The plain value.</returns>
    /// <exception cref="DecodeException">The pickle is malformed or truncated, or refers to a global that is not allowed.</exception>
    public static object? Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return PickleReader.Read(data);
    }
}

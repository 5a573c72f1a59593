using System.Collections;
using System.Globalization;
using System.Text;
using Kombu.Exceptions;
using RabbitMQ.Client;

namespace Kombu.Transport.Amqp;

/// <summary>Converts AMQP field-table values between RabbitMQ.Client's representation and Kombu's plain .NET values.</summary>
/// <remarks>
/// Incoming values follow py-amqp: long strings (which RabbitMQ.Client hands over as bytes) become text, integers
/// become <see cref="long"/>, timestamps become UTC <see cref="DateTime"/>, byte arrays (<c>x</c>) stay bytes, nested
/// tables and arrays are converted recursively. Outgoing integers that fit 32 bits are sent as <c>I</c>, as py-amqp does.
/// </remarks>
internal static class AmqpFieldTable
{
    /// <summary>Converts a received field table into a dictionary of plain values.</summary>
    /// <param name="table">The table, or <see langword="null"/>.</param>
    /// <returns>A new dictionary (empty for <see langword="null"/>).</returns>
    public static Dictionary<string, object?> FromAmqp(IDictionary<string, object?>? table)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (table is null)
            return result;
        foreach (var (key, value) in table)
            result[key] = FromAmqpValue(value);
        return result;
    }

    /// <summary>Converts plain values into a field table RabbitMQ.Client can send.</summary>
    /// <param name="table">The values, or <see langword="null"/>.</param>
    /// <returns>The table, or <see langword="null"/> when <paramref name="table"/> is null.</returns>
    /// <exception cref="EncodeException">A value has a type an AMQP field table cannot carry.</exception>
    public static Dictionary<string, object?>? ToAmqp(IDictionary<string, object?>? table)
    {
        if (table is null)
            return null;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in table)
            result[key] = ToAmqpValue(key, value);
        return result;
    }

    private static object? FromAmqpValue(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string s => s,
        BinaryTableValue binary => binary.Bytes,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        AmqpTimestamp ts => DateTimeOffset.FromUnixTimeSeconds(ts.UnixTime).UtcDateTime,
        IDictionary<string, object?> nested => FromAmqp(nested),
        IList list => list.Cast<object?>().Select(FromAmqpValue).ToList(),
        _ => value,
    };

    private static object? ToAmqpValue(string key, object? value) => value switch
    {
        null => null,
        string or bool or byte or sbyte or short or ushort or int or uint or float or double or decimal => value,
        long l => l is >= int.MinValue and <= int.MaxValue ? (int)l : l,
        ulong u => u <= long.MaxValue ? (object)(long)u : (decimal)u,
        byte[] bytes => new BinaryTableValue(bytes),
        DateTime dt => new AmqpTimestamp(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified
            ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt).ToUnixTimeSeconds()),
        DateTimeOffset dto => new AmqpTimestamp(dto.ToUnixTimeSeconds()),
        IDictionary<string, object?> nested => ToAmqp(nested),
        IDictionary dict => dict.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!,
            k => ToAmqpValue(key, dict[k]), StringComparer.Ordinal),
        IEnumerable items => items.Cast<object?>().Select(v => ToAmqpValue(key, v)).ToList(),
        Guid g => g.ToString(),
        _ => throw new EncodeException(AmqpMessages.UnsupportedHeaderValue(key, value.GetType())),
    };
}

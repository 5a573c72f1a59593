using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kombu.Celery.Wire;

/// <summary>Converts decoded message values (maps, lists, longs, doubles, strings) to typed .NET values.</summary>
internal static class ValueConversion
{
    /// <summary>Converts <paramref name="value"/> to <paramref name="type"/>.</summary>
    /// <param name="value">The decoded value.</param>
    /// <param name="type">The target type.</param>
    /// <returns>The converted value.</returns>
    /// <exception cref="FormatException">The value cannot be read as that type (the message says why).</exception>
    public static object? To(object? value, Type type)
    {
        if (value is null)
        {
            return !type.IsValueType || Nullable.GetUnderlyingType(type) is not null
                ? null
                : throw new FormatException("None is not a value of a non-nullable type");
        }
        if (type.IsInstanceOfType(value))
            return value;
        try
        {
            return JToken.FromObject(value).ToObject(type);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidCastException or OverflowException or FormatException)
        {
            throw new FormatException(ex.Message, ex);
        }
    }
}

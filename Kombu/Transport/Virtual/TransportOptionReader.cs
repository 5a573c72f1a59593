using System.Globalization;
using Kombu.Exceptions;

namespace Kombu.Transport.Virtual;

/// <summary>Reads typed values from a connection's transport options.</summary>
internal static class TransportOptionReader
{
    public static TimeSpan ReadSeconds(IDictionary<string, object?> options, string name, TimeSpan fallback)
    {
        if (!options.TryGetValue(name, out var value) || value is null)
            return fallback;
        double seconds;
        switch (value)
        {
            case TimeSpan span:
                return span < TimeSpan.Zero ? TimeSpan.Zero : span;
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                seconds = parsed;
                break;
            case IConvertible convertible when value is not string and not bool:
                seconds = convertible.ToDouble(CultureInfo.InvariantCulture);
                break;
            default:
                throw new ArgumentException(ErrorMessages.InvalidSecondsOption(name, value), nameof(options));
        }
        if (double.IsNaN(seconds) || double.IsInfinity(seconds))
            throw new ArgumentException(ErrorMessages.InvalidSecondsOption(name, value), nameof(options));
        return seconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds);
    }

    public static string? ReadString(IDictionary<string, object?> options, string name, string? fallback) =>
        options.TryGetValue(name, out var value) ? value?.ToString() : fallback;
}

namespace Kombu.Serialization;

/// <summary>Which Python Kombu's JSON encoder Kombu JSON writes like, for dates, times, UUIDs, decimals and bytes.</summary>
/// <remarks>
/// Kombu 5.3.0 began wrapping these values in <c>{"__type__": …, "__value__": …}</c> markers that read back as the same
/// type; Kombu 5.2 and earlier (and so Celery 5.2 and earlier, which require them) read such a marker as a plain
/// dictionary. Reading accepts both forms whatever the level.
/// </remarks>
public enum JsonCompatibility
{
    /// <summary>Kombu 5.3 and later (the default): typed values as <c>__type__</c>/<c>__value__</c> markers.</summary>
    Kombu53 = 0,

    /// <summary>
    /// Kombu 5.2 and earlier: dates and times as ISO 8601 text (UTC as <c>Z</c>, a date as midnight of that day),
    /// UUIDs and decimals as their text, application types without a marker; bytes cannot be written.
    /// </summary>
    Kombu52 = 1,
}

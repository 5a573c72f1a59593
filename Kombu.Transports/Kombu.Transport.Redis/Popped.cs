namespace Kombu.Transport.Redis;

/// <summary>The message a channel took last: where from, as stored, and whether the pop recorded it in <c>unacked</c>.</summary>
/// <param name="Tag">Its delivery tag.</param>
/// <param name="Queue">The queue it was taken from.</param>
/// <param name="Raw">The document as stored.</param>
/// <param name="Recorded">Whether the pop already wrote its <c>unacked</c> record.</param>
internal readonly record struct Popped(string Tag, string Queue, string Raw, bool Recorded);

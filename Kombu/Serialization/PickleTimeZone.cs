namespace Kombu.Serialization;

/// <summary>A <c>datetime.timezone</c> (a fixed offset) while unpickling; only valid as a datetime's tzinfo.</summary>
/// <param name="Offset">The UTC offset.</param>
internal sealed record PickleTimeZone(TimeSpan Offset);

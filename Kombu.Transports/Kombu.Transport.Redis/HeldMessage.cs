namespace Kombu.Transport.Redis;

/// <summary>A message this process holds (popped, prefetched, or delivered and unacknowledged) and must put back or forget.</summary>
/// <param name="Action">What to do with it.</param>
/// <param name="Key">The list to push onto (prefix included); unused by <see cref="HeldAction.Forget"/>.</param>
/// <param name="Tag">The delivery tag of its <c>unacked</c> record, or empty when it has none.</param>
/// <param name="Payload">The document to push; unused by <see cref="HeldAction.Forget"/>.</param>
internal readonly record struct HeldMessage(HeldAction Action, string Key, string Tag, string Payload)
{
    /// <summary>An acknowledgement: forget the record of <paramref name="tag"/>.</summary>
    /// <param name="tag">The delivery tag.</param>
    /// <returns>The held message.</returns>
    public static HeldMessage Forget(string tag) => new(HeldAction.Forget, "", tag, "");
}

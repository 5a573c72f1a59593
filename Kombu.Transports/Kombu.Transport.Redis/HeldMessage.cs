namespace Kombu.Transport.Redis;

/// <summary>A message this process holds (popped, prefetched, or delivered and unacknowledged) and must put back or forget.</summary>
/// <param name="Action">What to do with it.</param>
/// <param name="Key">The list to push onto (prefix included), or the in-flight key for <see cref="HeldAction.RecoverInflight"/>; unused by <see cref="HeldAction.Forget"/>.</param>
/// <param name="Tag">The delivery tag of its <c>unacked</c> record (empty when it has none), or the pop's call number for <see cref="HeldAction.RecoverInflight"/>.</param>
/// <param name="Payload">The document to push; unused by <see cref="HeldAction.Forget"/>.</param>
internal readonly record struct HeldMessage(HeldAction Action, string Key, string Tag, string Payload)
{
    /// <summary>An acknowledgement: forget the record of <paramref name="tag"/>.</summary>
    /// <param name="tag">The delivery tag.</param>
    /// <returns>The held message.</returns>
    public static HeldMessage Forget(string tag) => new(HeldAction.Forget, "", tag, "");

    /// <summary>A pop whose reply was lost: put back what it recorded (see <see cref="HeldAction.RecoverInflight"/>).</summary>
    /// <param name="inflightKey">The channel's in-flight key.</param>
    /// <param name="call">The pop's call number, as the script wrote it.</param>
    /// <returns>The held message.</returns>
    public static HeldMessage RecoverInflight(string inflightKey, string call) => new(HeldAction.RecoverInflight, inflightKey, call, "");

    /// <summary>A closed channel's in-flight key, to delete (see <see cref="HeldAction.DeleteInflight"/>).</summary>
    /// <param name="inflightKey">The channel's in-flight key.</param>
    /// <returns>The held message.</returns>
    public static HeldMessage DeleteInflight(string inflightKey) => new(HeldAction.DeleteInflight, inflightKey, "", "");
}

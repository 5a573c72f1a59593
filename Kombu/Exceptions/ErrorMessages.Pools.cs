namespace Kombu.Exceptions;

internal static partial class ErrorMessages
{
    public static string PoolLimitExceeded(int limit) =>
        $"The pool is exhausted: all {limit} resources are in use. Release one, acquire with block: true, or raise the limit.";

    public static string PoolLimitTimedOut(int limit, TimeSpan timeout) =>
        $"No resource was released within {Duration(timeout)} while all {limit} resources of the pool were in use.";

    /// <summary>A duration in the largest unit that keeps it above 1 (s, ms or µs), so 0.01 ms is not printed as 0 s.</summary>
    internal static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        >= 1 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s"),
        >= 0.001 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.###} ms"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalMicroseconds:0.###} µs"),
    };

    public static string CannotShrinkInUse(int? current, int requested) =>
        $"Can't shrink the pool while it is in use: limit was {current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"}, now {requested}. Pass force: true to close every resource.";

    public const string NegativeLimit = "A pool limit cannot be negative (use 0 or null for no limit).";

    public const string SimpleQueueEmpty = "The queue is empty: no message arrived in time.";

    public const string ProducerReleased = "This pooled producer was released: acquire a new one from the pool.";
}

namespace Kombu.Utils;
/// <summary>STUB.</summary>
public static class Functional
{
    /// <summary>STUB.</summary><param name="intervalStart">x</param><param name="intervalStep">x</param><param name="intervalMax">x</param><returns>x</returns>
    public static IEnumerable<TimeSpan> RetryIntervals(double intervalStart, double intervalStep, double intervalMax) => throw new NotImplementedException();
    /// <summary>STUB.</summary>
    /// <typeparam name="T">x</typeparam><param name="fun">x</param><param name="catchErrors">x</param><param name="maxRetries">x</param><param name="errback">x</param><param name="intervalStart">x</param><param name="intervalStep">x</param><param name="intervalMax">x</param><param name="callback">x</param><param name="timeout">x</param><param name="timeProvider">x</param><param name="cancellationToken">x</param><returns>x</returns>
    public static T RetryOverTime<T>(Func<T> fun, IReadOnlyList<Type> catchErrors, int? maxRetries = null, Func<Exception, TimeSpan, TimeSpan?>? errback = null,
        double intervalStart = 2, double intervalStep = 2, double intervalMax = 30, Action? callback = null, TimeSpan? timeout = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <summary>STUB.</summary>
    /// <typeparam name="T">x</typeparam><param name="fun">x</param><param name="catchErrors">x</param><param name="maxRetries">x</param><param name="errback">x</param><param name="intervalStart">x</param><param name="intervalStep">x</param><param name="intervalMax">x</param><param name="callback">x</param><param name="timeout">x</param><param name="timeProvider">x</param><param name="cancellationToken">x</param><returns>x</returns>
    public static Task<T> RetryOverTimeAsync<T>(Func<CancellationToken, Task<T>> fun, IReadOnlyList<Type> catchErrors, int? maxRetries = null, Func<Exception, TimeSpan, TimeSpan?>? errback = null,
        double intervalStart = 2, double intervalStep = 2, double intervalMax = 30, Action? callback = null, TimeSpan? timeout = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

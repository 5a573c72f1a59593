using Kombu.Exceptions;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

public partial class Connection
{
    private readonly FailoverCycle _failover;

    /// <summary>Entities already declared through this connection (the cache behind <c>MaybeDeclare</c>).</summary>
    public ISet<object> DeclaredEntities { get; } = new HashSet<object>();

    /// <summary>Makes sure the connection is established, retrying with growing sleeps.</summary>
    /// <param name="errback">Called with the error and the coming sleep after each failed attempt.</param>
    /// <param name="maxRetries">Retries after the first attempt; <see langword="null"/> retries forever.</param>
    /// <param name="intervalStart">First sleep.</param>
    /// <param name="intervalStep">Growth of each sleep.</param>
    /// <param name="intervalMax">Largest growth above the first sleep.</param>
    /// <param name="callback">Called about once a second while sleeping.</param>
    /// <param name="reraiseAsLibraryErrors">Raise <see cref="OperationalException"/> instead of the transport's error.</param>
    /// <param name="timeout">Give up after this long.</param>
    /// <returns>This connection.</returns>
    /// <exception cref="OperationalException">The connection could not be established.</exception>
    public Connection EnsureConnection(Action<Exception, TimeSpan>? errback = null, int? maxRetries = null,
        TimeSpan? intervalStart = null, TimeSpan? intervalStep = null, TimeSpan? intervalMax = null,
        Action? callback = null, bool reraiseAsLibraryErrors = true, TimeSpan? timeout = null)
    {
        _closed = false;
        EnsureConnectionCore(maxRetries, reraiseAsLibraryErrors, errback, Seconds(intervalStart, 2),
            Seconds(intervalStep, 2), Seconds(intervalMax, 30), callback, timeout);
        return this;
    }

    /// <inheritdoc cref="EnsureConnection"/>
    public async ValueTask<Connection> EnsureConnectionAsync(Action<Exception, TimeSpan>? errback = null,
        int? maxRetries = null, TimeSpan? intervalStart = null, TimeSpan? intervalStep = null,
        TimeSpan? intervalMax = null, Action? callback = null, bool reraiseAsLibraryErrors = true,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        _closed = false;
        await EnsureConnectionCoreAsync(maxRetries, reraiseAsLibraryErrors, cancellationToken, errback,
            Seconds(intervalStart, 2), Seconds(intervalStep, 2), Seconds(intervalMax, 30), callback, timeout).ConfigureAwait(false);
        return this;
    }

    /// <summary>Wraps <paramref name="fun"/> so that it completes despite connection and channel errors.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="obj">Revived on the new default channel after a reconnect (a producer, consumer or entity).</param>
    /// <param name="fun">The operation.</param>
    /// <param name="policy">Retry limits and callbacks; intervals default to 1 s, 1 s, 1 s.</param>
    /// <returns>The wrapped operation.</returns>
    public Func<T> Ensure<T>(IRevivable? obj, Func<T> fun, RetryPolicy? policy = null)
    {
        policy ??= new RetryPolicy();
        return () =>
        {
            var gotConnection = false;
            for (var retries = 0; ; retries++)
            {
                try
                {
                    return fun();
                }
                catch (Exception ex) when (OnEnsureError(ex, retries, policy, ref gotConnection, obj))
                {
                }
            }
        };
    }

    /// <inheritdoc cref="Ensure{T}(IRevivable?, Func{T}, RetryPolicy?)"/>
    public Action Ensure(IRevivable? obj, Action fun, RetryPolicy? policy = null)
    {
        var ensured = Ensure(obj, () => { fun(); return true; }, policy);
        return () => ensured();
    }

    /// <inheritdoc cref="Ensure{T}(IRevivable?, Func{T}, RetryPolicy?)"/>
    public Func<CancellationToken, Task<T>> EnsureAsync<T>(IRevivable? obj, Func<CancellationToken, Task<T>> fun,
        RetryPolicy? policy = null)
    {
        policy ??= new RetryPolicy();
        return async cancellationToken =>
        {
            var gotConnection = false;
            for (var retries = 0; ; retries++)
            {
                try
                {
                    return await fun(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (OnEnsureError(ex, retries, policy, ref gotConnection, obj))
                {
                }
            }
        };
    }

    /// <summary>Wraps a channel operation so that it is retried, on a new channel after a reconnect.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="fun">The operation, given the channel to use.</param>
    /// <param name="channel">The channel to start with; <see langword="null"/> uses the default channel.</param>
    /// <param name="policy">Retry limits and callbacks.</param>
    /// <returns>The wrapped operation, returning its result and the channel it ran on.</returns>
    public Func<(T Result, IChannel Channel)> Autoretry<T>(Func<IChannel, T> fun, IChannel? channel = null,
        RetryPolicy? policy = null)
    {
        var revival = new Revival(this, channel);
        return Ensure(revival, () =>
        {
            var ch = revival.Channel;
            return (fun(ch), ch);
        }, policy);
    }

    private bool OnEnsureError(Exception ex, int retries, RetryPolicy policy, ref bool gotConnection, IRevivable? obj)
    {
        var maxRetries = policy.MaxRetries;
        if (policy.RetryErrors is { } retryErrors && IsAny(ex, retryErrors))
            return maxRetries is null || retries < maxRetries;
        if (IsAny(ex, RecoverableConnectionErrors))
        {
            if (maxRetries is not null && retries >= maxRetries)
                throw Reraise(ex);
            Logger.LogEnsureConnectionError(ex, retries);
            Collect();
            policy.Errback?.Invoke(ex, TimeSpan.Zero);
            int? remaining = maxRetries is null ? null : Math.Max(maxRetries.Value - retries, 1);
            EnsureConnectionCore(remaining, reraise: true, policy.Errback, Seconds(policy.IntervalStart, 1),
                Seconds(policy.IntervalStep, 1), Seconds(policy.IntervalMax, 1));
            var channel = DefaultChannel;
            obj?.Revive(channel);
            policy.OnRevive?.Invoke(channel);
            gotConnection = true;
            return true;
        }
        if (IsAny(ex, RecoverableChannelErrors))
        {
            if (maxRetries is not null && retries > maxRetries)
                return false;
            Logger.LogEnsureChannelError(ex, retries);
            policy.Errback?.Invoke(ex, TimeSpan.Zero);
            return true;
        }
        return false;
    }

    private static OperationalException Reraise(Exception ex) => new(ex.Message, ex);

    /// <summary>Forgets the broken connection without talking to the broker.</summary>
    private void Collect()
    {
        _defaultChannel = null;
        var connection = _connection;
        _connection = null;
        if (connection is null)
            return;
        try
        {
            Transport.CloseConnection(connection);
        }
        catch (Exception ex) when (IsConnectionOrChannelError(ex))
        {
            Logger.LogCloseFailed(ex);
        }
    }

    private object EnsureConnectionCore(int? maxRetries = null, bool reraise = true,
        Action<Exception, TimeSpan>? errback = null, double intervalStart = 2, double intervalStep = 2,
        double intervalMax = 30, Action? callback = null, TimeSpan? timeout = null)
    {
        if (_connection is { } existing && Connected)
            return existing;
        var failures = 0;
        using var intervals = Functional.RetryIntervals(intervalStart, intervalStep, intervalMax).GetEnumerator();
        try
        {
            return Functional.RetryOverTime(EstablishConnection, RecoverableConnectionErrors, maxRetries,
                (ex, _) => OnConnectError(ex, intervals, failures++, errback),
                intervalStart, intervalStep, intervalMax, callback, timeout);
        }
        catch (Exception ex) when (reraise && IsAny(ex, RecoverableConnectionErrors))
        {
            throw Reraise(ex);
        }
    }

    private async ValueTask<object> EnsureConnectionCoreAsync(int? maxRetries, bool reraise,
        CancellationToken cancellationToken, Action<Exception, TimeSpan>? errback = null, double intervalStart = 2,
        double intervalStep = 2, double intervalMax = 30, Action? callback = null, TimeSpan? timeout = null)
    {
        if (_connection is { } existing && Connected)
            return existing;
        var failures = 0;
        using var intervals = Functional.RetryIntervals(intervalStart, intervalStep, intervalMax).GetEnumerator();
        try
        {
            return await Functional.RetryOverTimeAsync(EstablishConnectionAsync, RecoverableConnectionErrors,
                maxRetries, (ex, _) => OnConnectError(ex, intervals, failures++, errback), intervalStart,
                intervalStep, intervalMax, callback, timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (reraise && IsAny(ex, RecoverableConnectionErrors))
        {
            throw Reraise(ex);
        }
    }

    private void EnsureConnectionForDefaultChannel()
    {
        if (_connection is not null && Connected)
            return;
        int? maxRetries = TransportOptions.TryGetValue("max_retries", out var m) && m is not null ? Convert.ToInt32(m, System.Globalization.CultureInfo.InvariantCulture) : null;
        EnsureConnectionCore(maxRetries, reraise: true, timeout: ConnectTimeout,
            intervalStart: OptionSeconds("interval_start", 2), intervalStep: OptionSeconds("interval_step", 2),
            intervalMax: OptionSeconds("interval_max", 30));
    }

    private double OptionSeconds(string key, double fallback) =>
        TransportOptions.TryGetValue(key, out var v) && v is not null
            ? v is TimeSpan ts ? ts.TotalSeconds : Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)
            : fallback;

    // Kombu's on_error: the interval sequence advances only when a full cycle through the alternates failed; between
    // alternates there is no sleep.
    private TimeSpan? OnConnectError(Exception ex, IEnumerator<TimeSpan> intervals, int failures,
        Action<Exception, TimeSpan>? errback)
    {
        var sleep = _failover.CompletesCycle(failures) && intervals.MoveNext() ? intervals.Current : TimeSpan.Zero;
        Logger.LogConnectRetry(ex, AsUri(), sleep);
        errback?.Invoke(ex, sleep);
        if (_failover.Next() is { } next)
            SwitchTo(next);
        return sleep;
    }

    private void SwitchTo(string url)
    {
        Collect();
        DeclaredEntities.Clear();
        lock (_gate)
        {
            _transport = null;
            Apply(_initialSettings with { Hostname = url });
        }
    }

    private object EstablishConnection()
    {
        var connection = Transport.EstablishConnection();
        _connection = connection;
        _closed = false;
        return connection;
    }

    private async Task<object> EstablishConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await Transport.EstablishConnectionAsync(cancellationToken).ConfigureAwait(false);
        _connection = connection;
        _closed = false;
        return connection;
    }

    private static double Seconds(TimeSpan? value, double fallback) => value?.TotalSeconds ?? fallback;

    private sealed class Revival(Connection connection, IChannel? channel) : IRevivable
    {
        private IChannel? _channel = channel;

        public IChannel Channel => _channel ??= connection.DefaultChannel;

        public void Revive(IChannel channel) => _channel = channel;
    }
}

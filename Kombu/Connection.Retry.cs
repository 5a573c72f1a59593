using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Kombu.Exceptions;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

public partial class Connection
{
    private readonly FailoverCycle _failover;
    private BrokerPortProbe? _probe;

    private readonly HashSet<object> _declaredEntities = [];

    /// <summary>Entities already declared through this connection (the cache behind <c>MaybeDeclare</c>).</summary>
    /// <remarks>Kombu's <c>declared_entities</c>, read-only here: <c>MaybeDeclare</c> fills it and a reconnect clears it.</remarks>
    public IReadOnlySet<object> DeclaredEntities => _declaredEntities;

    /// <summary>Makes sure the connection is established, retrying with growing sleeps.</summary>
    /// <param name="errback">Called with the error and the coming sleep after each failed attempt.</param>
    /// <param name="maxRetries">Retries after the first attempt; <see langword="null"/> retries forever.</param>
    /// <param name="intervalStart">First sleep.</param>
    /// <param name="intervalStep">Growth of each sleep.</param>
    /// <param name="intervalMax">Largest growth above the first sleep.</param>
    /// <param name="callback">Called about once a second while sleeping.</param>
    /// <param name="reraiseAsLibraryErrors">Raise <see cref="OperationalException"/> (wrapping the transport's error) instead
    /// of the transport's error, as Kombu 5 does.</param>
    /// <param name="timeout">Give up after this long.</param>
    /// <returns>This connection.</returns>
    /// <exception cref="OperationalException">The connection could not be established; the transport's error is the
    /// inner exception.</exception>
    public Connection EnsureConnection(Action<Exception, TimeSpan>? errback = null, int? maxRetries = null,
        TimeSpan? intervalStart = null, TimeSpan? intervalStep = null, TimeSpan? intervalMax = null,
        Action? callback = null, bool reraiseAsLibraryErrors = true, TimeSpan? timeout = null) =>
        SyncOverAsync.Wait(EnsureConnectionAsync(errback, maxRetries, intervalStart, intervalStep, intervalMax, callback,
            reraiseAsLibraryErrors, timeout));

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
    /// <remarks>
    /// Kombu's <c>Connection.ensure</c>. A recoverable connection error closes the connection, reconnects, revives
    /// <paramref name="obj"/> and calls again; a recoverable channel error calls again at once. Past
    /// <see cref="RetryPolicy.MaxRetries"/> (or when a transport that does not classify its errors fails again on a new
    /// connection) the last error is re-raised as it was, with its stack trace, as the Kombu reference documents
    /// ("the connection error will be re-raised"), so a <c>catch</c> on <see cref="ConnectionErrors"/> sees it; Kombu 5
    /// wraps it in <c>OperationalError</c> here (see the README's differences). Other errors propagate unchanged.
    /// </remarks>
    public Func<T> Ensure<T>(IRevivable? obj, Func<T> fun, RetryPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(fun);
        policy ??= new RetryPolicy();
        return () => SyncOverAsync.Wait(EnsureCoreAsync(obj, _ => new ValueTask<T>(fun()), policy, CancellationToken.None));
    }

    /// <inheritdoc cref="Ensure{T}(IRevivable?, Func{T}, RetryPolicy?)"/>
    public Action Ensure(IRevivable? obj, Action fun, RetryPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(fun);
        var ensured = Ensure(obj, () => { fun(); return true; }, policy);
        return () => ensured();
    }

    /// <inheritdoc cref="Ensure{T}(IRevivable?, Func{T}, RetryPolicy?)"/>
    /// <remarks>Waits asynchronously between attempts and stops waiting when the token is cancelled.</remarks>
    [SuppressMessage("Usage", "VSTHRD200:Use \"Async\" suffix for async methods",
        Justification = "Kombu's async twin of Ensure: it returns the wrapped asynchronous operation, which callers await.")]
    public Func<CancellationToken, Task<T>> EnsureAsync<T>(IRevivable? obj, Func<CancellationToken, Task<T>> fun,
        RetryPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(fun);
        policy ??= new RetryPolicy();
        return cancellationToken => EnsureCoreAsync(obj, ct => new ValueTask<T>(fun(ct)), policy, cancellationToken).AsTask();
    }

    /// <summary>Wraps a channel operation so that it is retried, on a new channel after a reconnect.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="fun">The operation, given the channel to use.</param>
    /// <param name="channel">The channel to start with; <see langword="null"/> uses the default channel.</param>
    /// <param name="policy">Retry limits and callbacks.</param>
    /// <returns>The wrapped operation, returning its result and the channel it ran on.</returns>
    /// <remarks>Kombu's <c>Connection.autoretry</c>.</remarks>
    public Func<(T Result, IChannel Channel)> Autoretry<T>(Func<IChannel, T> fun, IChannel? channel = null,
        RetryPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(fun);
        var autoretry = AutoretryAsync((ch, _) => Task.FromResult(fun(ch)), channel, policy);
        return () => SyncOverAsync.Wait(autoretry(CancellationToken.None));
    }

    /// <inheritdoc cref="Autoretry{T}(Func{IChannel, T}, IChannel?, RetryPolicy?)"/>
    [SuppressMessage("Usage", "VSTHRD200:Use \"Async\" suffix for async methods",
        Justification = "Kombu's async twin of Autoretry: it returns the wrapped asynchronous operation, which callers await.")]
    public Func<CancellationToken, Task<(T Result, IChannel Channel)>> AutoretryAsync<T>(
        Func<IChannel, CancellationToken, Task<T>> fun, IChannel? channel = null, RetryPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(fun);
        var revival = new Revival(this, channel);
        return EnsureAsync(revival, async cancellationToken =>
        {
            var ch = await revival.GetChannelAsync(cancellationToken).ConfigureAwait(false);
            return (await fun(ch, cancellationToken).ConfigureAwait(false), ch);
        }, policy);
    }

    // The one body of Ensure, EnsureAsync, Autoretry and AutoretryAsync. Errors are classified by type in the filters
    // and handled (reconnecting, sleeping) after the catch, never inside a filter.
    private async ValueTask<T> EnsureCoreAsync<T>(IRevivable? obj, Func<CancellationToken, ValueTask<T>> fun,
        RetryPolicy policy, CancellationToken cancellationToken)
    {
        var gotConnection = false;
        for (var retries = 0; ; retries++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception error;
            try
            {
                return await fun(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsRetried(ex, policy))
            {
                error = ex;
            }
            if (await RecoverAsync(error, retries, policy, gotConnection, obj, cancellationToken).ConfigureAwait(false))
                gotConnection = true;
        }
    }

    private bool IsRetried(Exception ex, RetryPolicy policy) =>
        (policy.RetryErrors is { } retryErrors && IsAny(ex, retryErrors)) || IsAny(ex, RecoverableConnectionErrors) ||
        IsAny(ex, RecoverableChannelErrors);

    private bool IsRaisedAsLibraryError(Exception ex) =>
        ex is not OperationalException && (IsAny(ex, RecoverableConnectionErrors) || IsAny(ex, RecoverableChannelErrors));

    // Kombu's ensure: returns true after reconnecting; rethrows the error, with its stack trace, when the retries are used up.
    private async ValueTask<bool> RecoverAsync(Exception error, int retries, RetryPolicy policy, bool gotConnection,
        IRevivable? obj, CancellationToken cancellationToken)
    {
        var maxRetries = policy.MaxRetries;
        if (policy.RetryErrors is { } retryErrors && IsAny(error, retryErrors))
        {
            if (maxRetries is not null && retries >= maxRetries)
                ExceptionDispatchInfo.Throw(error);
            Logger.LogEnsureChannelError(error, retries);
            return false;
        }
        if (IsAny(error, RecoverableConnectionErrors))
        {
            if ((gotConnection && !Transport.ClassifiesRecoverableErrors) || (maxRetries is not null && retries >= maxRetries))
                ExceptionDispatchInfo.Throw(error);
            Logger.LogEnsureConnectionError(error, retries);
            await CollectAsync(cancellationToken).ConfigureAwait(false);
            policy.Errback?.Invoke(error, TimeSpan.Zero);
            int? remaining = maxRetries is null ? null : Math.Max(maxRetries.Value - retries, 1);
            await EnsureConnectionCoreAsync(remaining, reraise: false, cancellationToken, policy.Errback,
                Seconds(policy.IntervalStart, 1), Seconds(policy.IntervalStep, 1), Seconds(policy.IntervalMax, 1)).ConfigureAwait(false);
            var channel = await GetDefaultChannelAsync(cancellationToken).ConfigureAwait(false);
            if (obj is not null)
                await obj.ReviveAsync(channel, cancellationToken).ConfigureAwait(false);
            policy.OnRevive?.Invoke(channel);
            return true;
        }
        if (maxRetries is not null && retries > maxRetries)
            ExceptionDispatchInfo.Throw(error);
        Logger.LogEnsureChannelError(error, retries);
        policy.Errback?.Invoke(error, TimeSpan.Zero);
        return false;
    }

    private static OperationalException Reraise(Exception ex) => new(ex.Message, ex);

    /// <summary>Forgets the broken connection, letting the transport drop it without a closing handshake.</summary>
    /// <remarks>Kombu's <c>Connection.collect</c>.</remarks>
    private async ValueTask CollectAsync(CancellationToken cancellationToken)
    {
        _defaultChannel = null;
        ForgetDeclaredEntities();
        var connection = _connection;
        _connection = null;
        if (connection is null)
            return;
        try
        {
            await Transport.CollectAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionOrChannelError(ex))
        {
            Logger.LogCloseFailed(ex);
        }
    }

    private async ValueTask<ITransportConnection> EnsureConnectionCoreAsync(int? maxRetries, bool reraise,
        CancellationToken cancellationToken, Action<Exception, TimeSpan>? errback = null, double intervalStart = 2,
        double intervalStep = 2, double intervalMax = 30, Action? callback = null, TimeSpan? timeout = null)
    {
        if (_connection is { } existing && Connected)
            return existing;
        if (_connection is not null)
            await CollectAsync(cancellationToken).ConfigureAwait(false);
        var failures = 0;
        using var intervals = Functional.RetryIntervals(intervalStart, intervalStep, intervalMax).GetEnumerator();
        try
        {
            return await Functional.RetryOverTimeAsync(EstablishConnectionAsync, RecoverableConnectionErrors,
                maxRetries, (ex, _) => OnConnectError(ex, intervals, failures++, errback), intervalStart,
                intervalStep, intervalMax, callback, timeout, TimeProvider.System, WaitBeforeRetryAsync,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (reraise && IsRaisedAsLibraryError(ex))
        {
            throw Reraise(ex);
        }
    }

    private ValueTask<ITransportConnection> EnsureConnectionForDefaultChannelAsync(CancellationToken cancellationToken)
    {
        int? maxRetries = TransportOptions.TryGetValue("max_retries", out var m) && m is not null ? Convert.ToInt32(m, System.Globalization.CultureInfo.InvariantCulture) : null;
        return EnsureConnectionCoreAsync(maxRetries, reraise: true, cancellationToken, timeout: ConnectTimeout,
            intervalStart: OptionSeconds("interval_start", 2), intervalStep: OptionSeconds("interval_step", 2),
            intervalMax: OptionSeconds("interval_max", 30));
    }

    private double OptionSeconds(string key, double fallback) =>
        TransportOptions.TryGetValue(key, out var v) && v is not null
            ? v is TimeSpan ts ? ts.TotalSeconds : Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)
            : fallback;

    // Kombu's sleep between attempts, ended early once the broker's port that refused accepts again (BrokerPortProbe).
    // A probe belongs to one host: failing over to another starts a new one.
    private async Task<bool> WaitBeforeRetryAsync(TimeSpan sleep, CancellationToken cancellationToken)
    {
        var host = ResolvedHostname;
        if (string.IsNullOrEmpty(host) || ResolvedPort is not { } port || host.Contains('/', StringComparison.Ordinal))
        {
            await Task.Delay(sleep, cancellationToken).ConfigureAwait(false);
            return false;
        }
        if (_probe is not { } probe || probe.Host != host || probe.Port != port)
            _probe = probe = new BrokerPortProbe(host, port);
        if (!await probe.WaitAsync(sleep, cancellationToken).ConfigureAwait(false))
            return false;
        Logger.LogBrokerBack(AsUri());
        return true;
    }

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

    // Called between failed attempts, when there is no connection to close.
    private void SwitchTo(string url)
    {
        _defaultChannel = null;
        ForgetDeclaredEntities();
        lock (_gate)
        {
            _transport = null;
            Apply(_initialSettings with { Hostname = url });
        }
    }

    /// <summary>Whether <paramref name="entity"/> was declared through this connection since it last connected.</summary>
    internal bool IsDeclared(object entity)
    {
        lock (_declaredEntities)
            return _declaredEntities.Contains(entity);
    }

    /// <summary>Records that <paramref name="entity"/> was declared through this connection.</summary>
    internal void RecordDeclared(object entity)
    {
        lock (_declaredEntities)
            _declaredEntities.Add(entity);
    }

    private void ForgetDeclaredEntities()
    {
        lock (_declaredEntities)
            _declaredEntities.Clear();
    }

    // Kombu's _connection_factory.
    private async Task<ITransportConnection> EstablishConnectionAsync(CancellationToken cancellationToken)
    {
        ForgetDeclaredEntities();
        _defaultChannel = null;
        Logger.LogConnecting(AsUri());
        var connection = await Transport.EstablishConnectionAsync(cancellationToken).ConfigureAwait(false);
        Logger.LogConnected(AsUri());
        _connection = connection;
        _closed = false;
        return connection;
    }

    private static double Seconds(TimeSpan? value, double fallback) => value?.TotalSeconds ?? fallback;

    private sealed class Revival(Connection connection, IChannel? channel) : IRevivable
    {
        private IChannel? _channel = channel;

        public async ValueTask<IChannel> GetChannelAsync(CancellationToken cancellationToken) =>
            _channel ??= await connection.GetDefaultChannelAsync(cancellationToken).ConfigureAwait(false);

        public ValueTask ReviveAsync(IChannel channel, CancellationToken cancellationToken = default)
        {
            _channel = channel;
            return ValueTask.CompletedTask;
        }
    }
}

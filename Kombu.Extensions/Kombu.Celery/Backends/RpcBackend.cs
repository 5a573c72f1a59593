using System.Collections.Concurrent;
using System.Diagnostics;
using Kombu.Celery.Wire;
using Microsoft.Extensions.Logging;

namespace Kombu.Celery.Backends;

/// <summary>The <c>rpc://</c> backend: workers send each state to the client's own reply queue as a message.</summary>
/// <remarks>
/// Celery's <c>celery.backends.rpc.RPCBackend</c>. The reply queue is named after the app's <see cref="CeleryApp.Oid"/>, not
/// bound, auto-deleted, with <c>x-expires</c> = <see cref="CeleryOptions.ResultExpires"/>; replies are matched by their
/// <c>correlation_id</c> or body <c>task_id</c>, and replies of other tasks are kept until asked for. Only the client that
/// sent a task can read its result; chords are not supported.
/// </remarks>
public sealed class RpcBackend : ResultBackend
{
    private static readonly TimeSpan s_pollSlice = TimeSpan.FromMilliseconds(250);
    private static readonly RetryPolicy s_replyRetry = new()
    {
        MaxRetries = 20,
        IntervalStart = TimeSpan.Zero,
        IntervalStep = TimeSpan.FromSeconds(1),
        IntervalMax = TimeSpan.FromSeconds(1),
    };

    private readonly ConcurrentDictionary<string, IDictionary<string, object?>> _results = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _drain = new(1, 1);
    private readonly ILogger _logger;
    private Connection? _connection;
    private Consumer? _consumer;

    /// <summary>Creates the backend.</summary>
    /// <param name="app">The app.</param>
    /// <param name="url">The URL (<c>rpc://</c>; the broker connection is the app's).</param>
    public RpcBackend(CeleryApp app, string url) : base(app)
    {
        Url = url;
        _logger = app.LoggerFactory.CreateLogger<RpcBackend>();
    }

    /// <summary>The backend URL.</summary>
    public string Url { get; }

    /// <inheritdoc/>
    public override bool SupportsChords => false;

    /// <summary>The reply queue of this client: named and routed by the app's oid.</summary>
    public Queue ReplyQueue => new(App.Oid, new Exchange(""), App.Oid, durable: false, autoDelete: true,
        expires: App.Conf.ResultExpires);

    /// <inheritdoc/>
    public override async ValueTask OnTaskCallAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await _drain.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureConsumingAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _drain.Release();
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<IDictionary<string, object?>?> GetTaskMetaAsync(string taskId,
        CancellationToken cancellationToken = default)
    {
        if (!_results.ContainsKey(taskId) && await _drain.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await EnsureConsumingAsync(cancellationToken).ConfigureAwait(false);
                await DrainOnceAsync(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _drain.Release();
            }
        }
        return _results.TryGetValue(taskId, out var meta) ? meta : null;
    }

    /// <inheritdoc/>
    public override async ValueTask<IDictionary<string, object?>> WaitForAsync(string taskId, TimeSpan? timeout,
        CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_results.TryGetValue(taskId, out var meta) && States.ReadyStates.Contains(ResultMeta.State(meta)))
                return meta;
            var remaining = timeout is { } t ? t - Stopwatch.GetElapsedTime(start) : s_pollSlice;
            if (remaining <= TimeSpan.Zero)
                throw new TimeoutException(CeleryMessages.GetTimedOut(taskId, timeout!.Value));
            var slice = remaining < s_pollSlice ? remaining : s_pollSlice;
            if (!await _drain.WaitAsync(slice, cancellationToken).ConfigureAwait(false))
                continue;
            try
            {
                if (_results.ContainsKey(taskId) && States.ReadyStates.Contains(ResultMeta.State(_results[taskId])))
                    continue;
                await EnsureConsumingAsync(cancellationToken).ConfigureAwait(false);
                await DrainOnceAsync(slice, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _drain.Release();
            }
        }
    }

    /// <inheritdoc/>
    public override ValueTask ForgetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        _results.TryRemove(taskId, out _);
        return default;
    }

    /// <inheritdoc/>
    protected override ValueTask StoreMetaAsync(string taskId, Dictionary<string, object?> meta, TaskContext? request,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.ReplyTo))
            return default;
        var replyTo = request.ReplyTo;
        var correlationId = request.CorrelationId ?? taskId;
        var conf = App.Conf;
        return App.Publisher.RunAsync(producer => producer.PublishAsync(meta, routingKey: replyTo, exchange: "",
            serializer: conf.ResultSerializer, deliveryMode: conf.ResultPersistent ? 2 : 1, correlationId: correlationId,
            retry: true, retryPolicy: s_replyRetry, cancellationToken: cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await _drain.WaitAsync().ConfigureAwait(false);
        try
        {
            await ResetAsync().ConfigureAwait(false);
        }
        finally
        {
            _drain.Release();
        }
        await base.DisposeAsync().ConfigureAwait(false);
    }

    // Called with _drain held.
    private async ValueTask EnsureConsumingAsync(CancellationToken cancellationToken)
    {
        if (_consumer is not null)
            return;
        var connection = App.Connection.Clone();
        try
        {
            await connection.EnsureConnectionAsync(maxRetries: 3, cancellationToken: cancellationToken).ConfigureAwait(false);
            var channel = await connection.CreateChannelAsync(cancellationToken).ConfigureAwait(false);
            var consumer = new Consumer(channel, [ReplyQueue], noAck: true, autoDeclare: false,
                callbacks: [OnReply], accept: App.Conf.AcceptContent);
            await consumer.DeclareAsync(cancellationToken).ConfigureAwait(false);
            await consumer.ConsumeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            (_connection, _consumer) = (connection, consumer);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Called with _drain held: one drain, a reconnect on the next call after a connection error.
    private async ValueTask DrainOnceAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _connection!.DrainEventsAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogResultConsumerLost(ex);
            await ResetAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask ResetAsync()
    {
        var connection = _connection;
        (_connection, _consumer) = (null, null);
        if (connection is not null)
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogResultConsumerLost(ex);
            }
        }
    }

    private void OnReply(object? body, Message message)
    {
        if (body is not IDictionary<string, object?> meta)
            return;
        var id = meta.Get("task_id") as string ?? message.Properties.Get("correlation_id") as string;
        if (id is not null)
            _results[id] = meta;
    }
}

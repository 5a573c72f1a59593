using Kombu.Celery.Backends;
using Kombu.Celery.Events;
using Kombu.Celery.Wire;
using Kombu.Celery.Worker;

namespace Kombu.Celery;

public sealed partial class CeleryWorker
{
    private int PrefetchBase => Options.Concurrency * Options.PrefetchMultiplier;

    // Connects, consumes and drains until stopped; after a connection error it reconnects (Celery's consumer restart).
    private async Task ConsumeAsync(CancellationToken stop, Task receiving, IReadOnlyList<Task> runners)
    {
        while (!stop.IsCancellationRequested)
        {
            var connection = App.Connection.Clone();
            WorkerSession? session = null;
            Consumer? control = null;
            try
            {
                await connection.EnsureConnectionAsync((ex, interval) => _logger.LogConsumerRestart(ex, interval),
                    cancellationToken: stop).ConfigureAwait(false);
                session = await StartSessionAsync(connection, stop).ConfigureAwait(false);
                control = await ListenForControlAsync(connection, stop).ConfigureAwait(false);
                if (_started.TrySetResult())
                {
                    _logger.LogWorkerReady(Hostname, string.Join(", ", Queues));
                    await Events.SendAsync("worker-online", EventDispatcher.WorkerFields(Options.HeartbeatInterval, 0, 0), stop)
                        .ConfigureAwait(false);
                }
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        await connection.DrainEventsAsync(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                _logger.LogConsumerRestart(ex, Options.ReconnectDelay);
                if (session is not null)
                    session.Lost = true;
                await DisposeQuietlyAsync(connection).ConfigureAwait(false);
                await DelayAsync(Options.ReconnectDelay, stop).ConfigureAwait(false);
                continue;
            }
            await StopGracefullyAsync(session, control, receiving, runners).ConfigureAwait(false);
            await DisposeQuietlyAsync(connection).ConfigureAwait(false);
        }
    }

    private async Task<WorkerSession> StartSessionAsync(Connection connection, CancellationToken stop)
    {
        var channel = await connection.CreateChannelAsync(stop).ConfigureAwait(false);
        WorkerSession? session = null;
        var consumer = new Consumer(channel, Queues.Select(App.TaskQueue), noAck: false, autoDeclare: false,
            onMessage: message => OnTaskMessage(message, session!), accept: App.Conf.AcceptContent);
        session = new WorkerSession(connection, consumer);
        await consumer.DeclareAsync(stop).ConfigureAwait(false);
        _etaHeld = _reserved.Keys.Count(r => r.Eta is not null);
        if (PrefetchBase > 0)
            await consumer.QosAsync(0, PrefetchBase + _etaHeld, applyGlobal: true, stop).ConfigureAwait(false);
        await consumer.ConsumeAsync(cancellationToken: stop).ConfigureAwait(false);
        return session;
    }

    private async Task<Consumer> ListenForControlAsync(Connection connection, CancellationToken stop)
    {
        var channel = await connection.CreateChannelAsync(stop).ConfigureAwait(false);
        var node = CeleryControl.CreateMailbox(App).Bind(connection)
            .CreateNode(Hostname, state: this, channel: channel, handlers: RemoteControl.Handlers(this));
        return await node.ListenAsync(channel, cancellationToken: stop).ConfigureAwait(false);
    }

    // Stop consuming, give reserved messages back, let running tasks finish (acks need the connection).
    private async Task StopGracefullyAsync(WorkerSession? session, Consumer? control, Task receiving, IReadOnlyList<Task> runners)
    {
        _stopping = true;
        if (session is not null)
            await CancelQuietlyAsync(session.TaskConsumer).ConfigureAwait(false);
        if (control is not null)
            await CancelQuietlyAsync(control).ConfigureAwait(false);
        _incoming.Writer.TryComplete();
        await receiving.ConfigureAwait(false);
        _ready.Writer.TryComplete();
        await Task.WhenAll(runners).ConfigureAwait(false);
        await DrainBackgroundAsync().ConfigureAwait(false);
    }

    private async Task DrainBackgroundAsync()
    {
        while (!_background.IsEmpty)
            await Task.WhenAll(_background.Keys).ConfigureAwait(false);
    }

    // The consumer callback returns at once; one loop takes the messages in order (so FIFO is kept) and receives them.
    private void OnTaskMessage(Message message, WorkerSession session)
    {
        if (!_incoming.Writer.TryWrite((message, session)))
            Track(() => SettleAsync(message, null, requeue: true));
    }

    private async Task ReceiveLoopAsync()
    {
        await foreach (var (message, session) in _incoming.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (session.Lost)
                continue;
            if (_stopping)
                await SettleAsync(message, null, requeue: true).ConfigureAwait(false);
            else
                await ReceiveAsync(message, session).ConfigureAwait(false);
        }
    }

    // Celery's strategy: parse, reject what cannot run, send task-received, hold eta tasks, queue the rest for the runners.
    private async Task ReceiveAsync(Message message, WorkerSession session)
    {
        TaskContext request;
        try
        {
            request = TaskRequests.Parse(message, Hostname);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or KeyNotFoundException or Kombu.Exceptions.KombuException)
        {
            _logger.LogInvalidTask(ex.Message);
            await SettleAsync(message, null, requeue: false).ConfigureAwait(false);
            return;
        }
        if (!_handlers.ContainsKey(request.Task))
        {
            _logger.LogUnknownTask(request.Task, request.Id);
            await RejectUnknownAsync(request).ConfigureAwait(false);
            return;
        }
        _logger.LogTaskReceived(request.Task, request.Id);
        _reserved.TryAdd(request, 0);
        await Events.SendAsync("task-received", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["uuid"] = request.Id,
            ["name"] = request.Task,
            ["args"] = request.ArgsRepr,
            ["kwargs"] = request.KwargsRepr,
            ["root_id"] = request.RootId,
            ["parent_id"] = request.ParentId,
            ["retries"] = (long)request.Retries,
            ["eta"] = request.Eta is { } e ? WireValues.IsoFormat(e) : null,
            ["expires"] = request.Expires is { } x ? WireValues.IsoFormat(x) : null,
        }).ConfigureAwait(false);
        if (request.Eta is { } eta && eta > DateTimeOffset.UtcNow && !IsRevoked(request, out _))
            Track(() => HoldUntilAsync(request, session, eta));
        else
            Enqueue(request, session);
    }

    private void Enqueue(TaskContext request, WorkerSession session)
    {
        if (_stopping || !_ready.Writer.TryWrite((request, session)))
            Track(() => GiveBackAsync(request, session));
    }

    // An eta task stays reserved and unacknowledged until due; the prefetch window grows by one meanwhile (Celery's qos.increment_eventually).
    private async Task HoldUntilAsync(TaskContext request, WorkerSession session, DateTimeOffset eta)
    {
        await AdjustPrefetchAsync(session, +1).ConfigureAwait(false);
        try
        {
            await Task.Delay(eta - DateTimeOffset.UtcNow, _stopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await AdjustPrefetchAsync(session, -1).ConfigureAwait(false);
        Enqueue(request, session);
    }

    private async Task AdjustPrefetchAsync(WorkerSession session, int delta)
    {
        await _qosGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _etaHeld = Math.Max(0, _etaHeld + delta);
            if (PrefetchBase > 0 && !session.Lost && !_stopping)
                await session.TaskConsumer.QosAsync(0, PrefetchBase + _etaHeld, applyGlobal: true).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogSettleFailed(ex, "(prefetch)", ex.Message);
        }
        finally
        {
            _qosGate.Release();
        }
    }

    private async Task GiveBackAsync(TaskContext request, WorkerSession session)
    {
        _reserved.TryRemove(request, out _);
        if (!session.Lost && request.Message is { } message)
            await SettleAsync(message, request, requeue: true).ConfigureAwait(false);
    }

    // Celery's on_unknown_task: log, reject without requeue, store NotRegistered as the task's failure, send task-failed.
    private async Task RejectUnknownAsync(TaskContext request)
    {
        await SettleAsync(request.Message!, request, requeue: false).ConfigureAwait(false);
        var error = new RemoteError("NotRegistered", "celery.exceptions", [request.Task], null);
        await StoreQuietlyAsync(request, States.Failure, error.Encode(), null).ConfigureAwait(false);
        await Events.SendAsync("task-failed", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["uuid"] = request.Id,
            ["exception"] = $"NotRegistered({PythonText.Repr(request.Task)})",
        }).ConfigureAwait(false);
    }

    // Ack (requeue null), reject, or reject with requeue; a failure (such as a lost channel) is logged.
    private async Task SettleAsync(Message message, TaskContext? request, bool? requeue)
    {
        try
        {
            if (message.Acknowledged)
                return;
            if (requeue is null)
                await message.AckAsync().ConfigureAwait(false);
            else
                await message.RejectAsync(requeue.Value).ConfigureAwait(false);
            if (request is not null)
                request.Acknowledged = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogSettleFailed(ex, request?.Id ?? "?", ex.Message);
        }
    }

    private async Task StoreQuietlyAsync(TaskContext request, string state, object? result, string? traceback)
    {
        try
        {
            if (App.Backend is not DisabledBackend)
                await App.Backend.StoreResultAsync(request.Id, state, result, traceback, request).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogPublishFailed(ex, $"the {state} result of {request.Id}", ex.Message);
        }
    }

    private async Task CancelQuietlyAsync(Consumer consumer)
    {
        try
        {
            await consumer.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogSettleFailed(ex, "(cancel)", ex.Message);
        }
    }

    private async Task DisposeQuietlyAsync(Connection connection)
    {
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogSettleFailed(ex, "(close)", ex.Message);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

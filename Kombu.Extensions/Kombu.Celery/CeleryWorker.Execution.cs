using System.Diagnostics;
using Kombu.Celery.Wire;
using Kombu.Celery.Worker;

namespace Kombu.Celery;

public sealed partial class CeleryWorker
{
    // One concurrency slot: runs queued requests one at a time until the queue is completed.
    private async Task RunnerAsync()
    {
        await foreach (var (request, session) in _ready.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (session.Lost)
            {
                _reserved.TryRemove(request, out _);
                continue;
            }
            if (_stopping)
            {
                await GiveBackAsync(request, session).ConfigureAwait(false);
                continue;
            }
            try
            {
                await ExecuteAsync(request, _handlers[request.Task]).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogTaskFailed(ex, request.Task, request.Id, ex.Message);
            }
        }
    }

    private async Task ExecuteAsync(TaskContext request, TaskHandler handler)
    {
        _reserved.TryRemove(request, out _);
        if (IsRevoked(request, out var expired))
        {
            await FinishRevokedAsync(request, expired ? "expired" : "revoked", terminated: false, expired).ConfigureAwait(false);
            return;
        }
        var acksLate = handler.Settings.AcksLate ?? Options.AcksLate;
        if (!acksLate)
            await SettleAsync(request.Message!, request, requeue: null).ConfigureAwait(false);
        using var terminate = new CancellationTokenSource();
        using var soft = new CancellationTokenSource();
        using var token = CancellationTokenSource.CreateLinkedTokenSource(terminate.Token, soft.Token);
        request.CancellationToken = token.Token;
        request.TimeStart = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        _active[request] = terminate;
        Interlocked.Increment(ref _running);
        await Events.SendAsync("task-started", Fields(request.Id)).ConfigureAwait(false);
        if (Options.TrackStarted)
            await StoreQuietlyAsync(request, States.Started, null, null).ConfigureAwait(false);
        if ((request.SoftTimeLimit ?? handler.Settings.SoftTimeLimit ?? Options.SoftTimeLimit) is { } softLimit)
            soft.CancelAfter(softLimit);
        var hardLimit = request.TimeLimit ?? handler.Settings.TimeLimit ?? Options.TimeLimit;
        var clock = Stopwatch.StartNew();
        object? value = null;
        RemoteError? error = null;
        RetryException? retry = null;
        try
        {
            var run = Task.Run(() => handler.InvokeAsync(request, token.Token), CancellationToken.None);
            if (hardLimit is { } hard && await Task.WhenAny(run, Task.Delay(hard, CancellationToken.None)).ConfigureAwait(false) != run)
            {
                await terminate.CancelAsync().ConfigureAwait(false);
                _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default);
                error = new RemoteError("TimeLimitExceeded", "billiard.exceptions", [hard.TotalSeconds],
                    CeleryMessages.HardTimeLimit(hard));
            }
            else
            {
                value = await run.ConfigureAwait(false);
            }
        }
        catch (RetryException ex)
        {
            retry = ex;
        }
        catch (OperationCanceledException) when (terminate.IsCancellationRequested)
        {
            clock.Stop();
            await FinishRevokedAsync(request, "terminated", terminated: true, expired: false).ConfigureAwait(false);
            await AfterRunAsync(request, acksLate).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException ex) when (soft.IsCancellationRequested)
        {
            error = new RemoteError("SoftTimeLimitExceeded", "billiard.exceptions", [], ex.ToString());
        }
        catch (TaskArgumentException ex)
        {
            error = new RemoteError("TypeError", "builtins", [ex.Message], ex.ToString());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = RemoteError.From(ex);
        }
        clock.Stop();
        if (retry is not null)
            error = await RetryAsync(request, handler, retry, clock.Elapsed).ConfigureAwait(false);
        else if (error is null)
            await SucceedAsync(request, handler, value, clock.Elapsed).ConfigureAwait(false);
        if (error is not null)
            await FailAsync(request, handler, error, clock.Elapsed).ConfigureAwait(false);
        await AfterRunAsync(request, acksLate).ConfigureAwait(false);
    }

    private async Task AfterRunAsync(TaskContext request, bool acksLate)
    {
        if (acksLate)
            await SettleAsync(request.Message!, request, requeue: null).ConfigureAwait(false);
        _active.TryRemove(request, out _);
        Interlocked.Decrement(ref _running);
        Interlocked.Increment(ref _processed);
        _totals.AddOrUpdate(request.Task, 1, (_, n) => n + 1);
    }

    private async Task SucceedAsync(TaskContext request, TaskHandler handler, object? value, TimeSpan runtime)
    {
        _logger.LogTaskSucceeded(request.Task, request.Id, runtime.TotalSeconds);
        if (!request.IgnoreResult && !handler.Settings.IgnoreResult)
            await StoreQuietlyAsync(request, States.Success, value, null).ConfigureAwait(false);
        var fields = Fields(request.Id);
        fields["result"] = PythonText.Repr(value);
        fields["runtime"] = runtime.TotalSeconds;
        await Events.SendAsync("task-succeeded", fields).ConfigureAwait(false);
        foreach (var callback in request.Callbacks ?? [])
            await SendFollowUpAsync(request, callback.Clone([value]), null).ConfigureAwait(false);
        if (request.Chain is { Count: > 0 } chain)
            await SendFollowUpAsync(request, chain[^1].Clone([value]), [.. chain.Take(chain.Count - 1)]).ConfigureAwait(false);
        if (request.Chord is not null)
            await ChordPartAsync(request, States.Success, value).ConfigureAwait(false);
        Report(request, States.Success, value, null, runtime);
    }

    private async Task FailAsync(TaskContext request, TaskHandler? handler, RemoteError error, TimeSpan runtime)
    {
        _logger.LogTaskFailed(null, request.Task, request.Id, error.Repr);
        if (!request.IgnoreResult && handler?.Settings.IgnoreResult != true)
            await StoreQuietlyAsync(request, States.Failure, error.Encode(), error.Traceback).ConfigureAwait(false);
        var fields = Fields(request.Id);
        fields["exception"] = error.Repr;
        fields["traceback"] = error.Traceback;
        await Events.SendAsync("task-failed", fields).ConfigureAwait(false);
        foreach (var errback in request.Errbacks ?? [])
            await SendFollowUpAsync(request, errback.Clone([request.Id]), null).ConfigureAwait(false);
        if (request.Chord is not null)
            await ChordPartAsync(request, States.Failure, error.Encode()).ConfigureAwait(false);
        Report(request, States.Failure, null, error, runtime);
    }

    // Celery's Task.retry: the same task id and arguments sent again with retries + 1, or a failure once max_retries is reached.
    private async Task<RemoteError?> RetryAsync(TaskContext request, TaskHandler handler, RetryException retry, TimeSpan runtime)
    {
        var maxRetries = retry.MaxRetries ?? handler.Settings.MaxRetries;
        if (maxRetries is { } max && request.Retries >= max)
        {
            return retry.InnerException is { } cause
                ? RemoteError.From(cause)
                : new RemoteError("MaxRetriesExceededError", "celery.exceptions",
                    [CeleryMessages.MaxRetriesExceeded(request.Task, request.Id, request.ArgsRepr, request.KwargsRepr)], null);
        }
        var options = new TaskOptions
        {
            TaskId = request.Id,
            Retries = request.Retries + 1,
            Eta = retry.Eta,
            Countdown = retry.Eta is null ? retry.Countdown ?? handler.Settings.DefaultRetryDelay : null,
            ExpiresAt = request.Expires,
            Exchange = request.DeliveryInfo.GetValueOrDefault("exchange") as string ?? "",
            RoutingKey = request.DeliveryInfo.GetValueOrDefault("routing_key") as string ?? Queues[0],
            ReplyTo = request.ReplyTo,
            ParentId = request.ParentId,
            RootId = request.RootId,
            GroupId = request.GroupId,
            GroupIndex = request.GroupIndex,
            TimeLimit = request.TimeLimit,
            SoftTimeLimit = request.SoftTimeLimit,
            Link = request.Callbacks,
            LinkError = request.Errbacks,
            Chain = request.Chain,
            Chord = request.Chord,
            IgnoreResult = request.IgnoreResult,
            Shadow = request.Shadow,
        };
        await App.SendTaskCoreAsync(request.Task, request.Args, new Dictionary<string, object?>(request.Kwargs, StringComparer.Ordinal),
            options, prepareBackend: false).ConfigureAwait(false);
        var reason = retry.InnerException is { } inner ? RemoteError.From(inner) : new RemoteError("Retry", "celery.exceptions", [retry.Message], null);
        _logger.LogTaskRetry(request.Task, request.Id, reason.Repr);
        await StoreQuietlyAsync(request, States.Retry, reason.Encode(), reason.Traceback).ConfigureAwait(false);
        var fields = Fields(request.Id);
        fields["exception"] = reason.Repr;
        fields["traceback"] = reason.Traceback;
        await Events.SendAsync("task-retried", fields).ConfigureAwait(false);
        Report(request, States.Retry, null, reason, runtime);
        return null;
    }

    // Celery's Request._announce_revoked: store REVOKED (TaskRevokedError), acknowledge, send task-revoked.
    private async Task FinishRevokedAsync(TaskContext request, string reason, bool terminated, bool expired)
    {
        _logger.LogTaskRevoked(request.Task, request.Id, reason);
        var error = new RemoteError("TaskRevokedError", "celery.exceptions", [reason], null);
        await StoreQuietlyAsync(request, States.Revoked, error.Encode(), null).ConfigureAwait(false);
        if (!terminated)
            await SettleAsync(request.Message!, request, requeue: null).ConfigureAwait(false);
        var fields = Fields(request.Id);
        fields["terminated"] = terminated;
        fields["signum"] = terminated ? 15L : null;
        fields["expired"] = expired;
        await Events.SendAsync("task-revoked", fields).ConfigureAwait(false);
        if (request.Chord is not null)
            await ChordPartAsync(request, States.Revoked, error.Encode()).ConfigureAwait(false);
        Report(request, States.Revoked, null, error, TimeSpan.Zero);
    }

    // Expired tasks join the revoked set, as Celery's Request.maybe_expire does.
    private bool IsRevoked(TaskContext request, out bool expired)
    {
        expired = false;
        if (request.Expires is { } expires && expires < DateTimeOffset.UtcNow)
        {
            expired = true;
            _revoked.TryAdd(request.Id, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        }
        return _revoked.ContainsKey(request.Id);
    }

    // Callbacks, errbacks and the next chain step, sent with this task as parent.
    private async Task SendFollowUpAsync(TaskContext request, Signature next, IReadOnlyList<Signature>? chain)
    {
        try
        {
            var options = next.Options with
            {
                ParentId = request.Id,
                RootId = request.RootId,
                Chain = chain is { Count: > 0 } ? chain : null,
            };
            if (next.SubtaskType is null)
            {
                await App.SendTaskCoreAsync(next.Task, next.Args, new Dictionary<string, object?>(next.Kwargs, StringComparer.Ordinal),
                    options, prepareBackend: false).ConfigureAwait(false);
            }
            else
            {
                await next.WithOptions(options).SendAsync(App).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogPublishFailed(ex, $"the follow-up {next.Task} of {request.Id}", ex.Message);
        }
    }

    private async Task ChordPartAsync(TaskContext request, string state, object? result)
    {
        try
        {
            await App.Backend.OnChordPartReturnAsync(request, state, result).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogPublishFailed(ex, $"the chord part {request.Id}", ex.Message);
        }
    }

    private void Report(TaskContext request, string state, object? value, RemoteError? error, TimeSpan runtime) =>
        TaskFinished?.Invoke(new TaskOutcome(request.Id, request.Task, state, value, error?.Type, error?.Message, runtime));

    private static Dictionary<string, object?> Fields(string id) => new(StringComparer.Ordinal) { ["uuid"] = id };
}

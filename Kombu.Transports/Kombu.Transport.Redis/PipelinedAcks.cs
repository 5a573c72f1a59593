using System.Runtime.ExceptionServices;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

/// <summary>
/// Acknowledgements sent to Redis without waiting for their replies, as an AMQP <c>basic.ack</c> (which has no reply).
/// </summary>
/// <remarks>
/// StackExchange.Redis keeps the commands of a connection in order, so an acknowledgement always reaches Redis before
/// anything the channel sends after it. A consumer therefore pays no round trip per message. Failures are not lost:
/// the first one is raised by the next acknowledgement, and <see cref="SettleAsync"/>, which the channel awaits before
/// it closes, names every acknowledgement that failed or is still unanswered, so the channel can send it again later.
/// At most <see cref="MaxOutstanding"/> replies are outstanding; past that, the next call waits for the oldest one. A
/// message whose acknowledgement never arrived stays in <c>unacked</c> and is restored by the visibility sweep, as after
/// a crash: it is redelivered, never lost.
/// </remarks>
internal sealed class PipelinedAcks
{
    /// <summary>How many acknowledgements may wait for their replies at once.</summary>
    public const int MaxOutstanding = 1024;

    private readonly Queue<(string Tag, Task Sent)> _outstanding = new();
    private readonly List<string> _failedTags = [];
    private readonly Lock _gate = new();
    private ExceptionDispatchInfo? _failure;

    /// <summary>Tracks an acknowledgement that was sent; raises an earlier one's failure.</summary>
    /// <param name="deliveryTag">The delivery tag acknowledged.</param>
    /// <param name="sent">The task of the acknowledgement's command.</param>
    /// <returns>A task that completes at once unless too many replies are outstanding.</returns>
    public ValueTask TrackAsync(string deliveryTag, Task sent)
    {
        Task? oldest = null;
        lock (_gate)
        {
            _outstanding.Enqueue((deliveryTag, sent));
            Sweep();
            if (_outstanding.Count > MaxOutstanding)
                oldest = _outstanding.Peek().Sent;
        }
        ThrowIfFailed();
        return oldest is null ? default : WaitAsync(oldest);
    }

    /// <summary>Waits up to <paramref name="wait"/> for every outstanding acknowledgement, then forgets them all.</summary>
    /// <param name="wait">How long to wait for the replies; zero takes them as unanswered at once.</param>
    /// <returns>The delivery tags whose acknowledgement failed or is still unanswered: send them again later.</returns>
    public async ValueTask<IReadOnlyList<string>> SettleAsync(TimeSpan wait)
    {
        (string Tag, Task Sent)[] pending;
        lock (_gate)
        {
            pending = [.. _outstanding];
            _outstanding.Clear();
        }
        if (pending.Length > 0 && wait > TimeSpan.Zero)
        {
            await Task.WhenAll(pending.Select(p => p.Sent)).WaitAsync(wait)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        lock (_gate)
        {
            foreach (var (tag, sent) in pending)
            {
                if (!sent.IsCompletedSuccessfully)
                    _failedTags.Add(tag);
            }
            string[] unsettled = [.. _failedTags];
            _failedTags.Clear();
            _failure = null;
            return unsettled;
        }
    }

    private async ValueTask WaitAsync(Task oldest)
    {
        await WhenSettledAsync(oldest).ConfigureAwait(false);
        lock (_gate)
            Sweep();
        ThrowIfFailed();
    }

    // Drops the completed tasks at the head of the queue, remembering the failed ones. Callers hold _gate.
    private void Sweep()
    {
        while (_outstanding.TryPeek(out var head) && head.Sent.IsCompleted)
        {
            _outstanding.Dequeue();
            if (head.Sent.IsCompletedSuccessfully)
                continue;
            _failedTags.Add(head.Tag);
            if (head.Sent.Exception is { } error)
            {
                var cause = error.InnerException ?? error;
                _failure ??= ExceptionDispatchInfo.Capture(cause is RedisServerException reply ? RedisReplies.Translate(reply) : cause);
            }
        }
    }

    private void ThrowIfFailed()
    {
        ExceptionDispatchInfo? failure;
        lock (_gate)
        {
            failure = _failure;
            _failure = null;
        }
        failure?.Throw();
    }

    // Completes when the task does, without throwing: failures are read from the task.
    private static Task<Task> WhenSettledAsync(Task task) => Task.WhenAny(task);
}

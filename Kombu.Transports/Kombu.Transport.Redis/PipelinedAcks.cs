using System.Runtime.ExceptionServices;

namespace Kombu.Transport.Redis;

/// <summary>
/// Acknowledgements sent to Redis without waiting for their replies, as an AMQP <c>basic.ack</c> (which has no reply).
/// </summary>
/// <remarks>
/// StackExchange.Redis keeps the commands of a connection in order, so an acknowledgement always reaches Redis before
/// anything the channel sends after it. A consumer therefore pays no round trip per message. Failures are not lost:
/// the first one is raised by the next acknowledgement or by <see cref="FlushAsync"/>, which the channel awaits before
/// it closes. At most <see cref="MaxOutstanding"/> replies are outstanding; past that, the next call waits for the
/// oldest one. A message whose acknowledgement never arrived stays in <c>unacked</c> and is restored by the visibility
/// sweep, as after a crash: it is redelivered, never lost.
/// </remarks>
internal sealed class PipelinedAcks
{
    /// <summary>How many acknowledgements may wait for their replies at once.</summary>
    public const int MaxOutstanding = 1024;

    private readonly Queue<Task> _outstanding = new();
    private readonly Lock _gate = new();
    private ExceptionDispatchInfo? _failure;

    /// <summary>Tracks an acknowledgement that was sent; raises an earlier one's failure.</summary>
    /// <param name="sent">The task of the acknowledgement's command.</param>
    /// <returns>A task that completes at once unless too many replies are outstanding.</returns>
    public ValueTask TrackAsync(Task sent)
    {
        Task? oldest = null;
        lock (_gate)
        {
            _outstanding.Enqueue(sent);
            Sweep();
            if (_outstanding.Count > MaxOutstanding)
                oldest = _outstanding.Peek();
        }
        ThrowIfFailed();
        return oldest is null ? default : WaitAsync(oldest);
    }

    /// <summary>Waits for every outstanding acknowledgement, and raises the first failure.</summary>
    /// <returns>A task that completes when Redis has replied to every acknowledgement sent so far.</returns>
    public async ValueTask FlushAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _outstanding];
            _outstanding.Clear();
        }
        foreach (var task in pending)
        {
            await Settle(task).ConfigureAwait(false);
            Observe(task);
        }
        ThrowIfFailed();
    }

    private async ValueTask WaitAsync(Task oldest)
    {
        await Settle(oldest).ConfigureAwait(false);
        lock (_gate)
            Sweep();
        ThrowIfFailed();
    }

    // Drops the completed tasks at the head of the queue, remembering the first failure among them.
    private void Sweep()
    {
        while (_outstanding.TryPeek(out var head) && head.IsCompleted)
            Observe(_outstanding.Dequeue());
    }

    private void Observe(Task task)
    {
        if (task.IsFaulted && _failure is null)
            _failure = ExceptionDispatchInfo.Capture(task.Exception!.InnerException ?? task.Exception);
    }

    private void ThrowIfFailed()
    {
        var failure = Interlocked.Exchange(ref _failure, null);
        failure?.Throw();
    }

    // Completes when the task does, without throwing: failures are read from the task.
    private static Task<Task> Settle(Task task) => Task.WhenAny(task);
}

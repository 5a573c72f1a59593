using System.Collections.Concurrent;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Kombu.Transport.Amqp;

/// <summary>The transport's connection object: a RabbitMQ.Client connection plus the queue of events to drain.</summary>
/// <remarks>
/// RabbitMQ.Client dispatches deliveries on its own threads; the consumers only enqueue them here, and
/// <see cref="AmqpTransport.DrainEvents"/> dequeues one and runs its handler on the calling thread, as Kombu does.
/// </remarks>
internal sealed class AmqpConnection
{
    private readonly Channel<AmqpDelivery> _events =
        System.Threading.Channels.Channel.CreateUnbounded<AmqpDelivery>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<AmqpChannel, byte> _channels = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private int _sleepers;
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ShutdownEventArgs? _closeReason;

    /// <summary>Wraps an open RabbitMQ.Client connection.</summary>
    /// <param name="connection">The driver connection.</param>
    /// <param name="confirmPublish">Whether channels use publisher confirms.</param>
    public AmqpConnection(IConnection connection, bool confirmPublish)
    {
        Inner = connection;
        ConfirmPublish = confirmPublish;
        connection.ConnectionShutdownAsync += OnShutdownAsync;
        if (!connection.IsOpen)
            _shutdown.TrySetResult();
    }

    /// <summary>Completes when the connection shuts down (or at once if it already has).</summary>
    public Task Shutdown => _shutdown.Task;

    /// <summary>The RabbitMQ.Client connection.</summary>
    public IConnection Inner { get; }

    /// <summary>Whether channels are opened with publisher confirms.</summary>
    public bool ConfirmPublish { get; }

    /// <summary>Whether the connection is open.</summary>
    public bool IsOpen => _closeReason is null && Inner.IsOpen;

    /// <summary>Why the connection closed, or <see langword="null"/> while it is open.</summary>
    public ShutdownEventArgs? CloseReason => _closeReason ?? Inner.CloseReason;

    /// <summary>Where <c>DrainEvents</c> takes the events consumers posted.</summary>
    public ChannelReader<AmqpDelivery> Pending => _events.Reader;

    /// <summary>Queues an event for <c>DrainEvents</c> and wakes a thread blocked in <see cref="WaitForEvent"/>.</summary>
    /// <param name="delivery">The delivery or failure.</param>
    public void Post(AmqpDelivery delivery)
    {
        _events.Writer.TryWrite(delivery);
        // The fence orders the write before the read of _sleepers, which a sleeper raises before its last look.
        Interlocked.MemoryBarrier();
        if (_sleepers != 0)
            _wake.Set();
    }

    /// <summary>Stops accepting events and wakes every waiting thread.</summary>
    public void Complete()
    {
        _events.Writer.TryComplete();
        _wake.Set();
    }

    /// <summary>Blocks the calling thread until an event is queued, the queue completes, or the time runs out.</summary>
    /// <param name="timeout">How long to wait at most, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <remarks>
    /// The synchronous <c>DrainEvents</c> waits here rather than on the channel's <c>WaitToReadAsync</c>: a reusable
    /// event spins briefly before it sleeps, and allocates no task, cancellation source or timer per wait.
    /// </remarks>
    public bool WaitForEvent(TimeSpan timeout)
    {
        _wake.Reset();
        Interlocked.Increment(ref _sleepers);
        try
        {
            return _events.Reader.TryPeek(out _) || _events.Reader.Completion.IsCompleted || _wake.Wait(timeout);
        }
        finally
        {
            Interlocked.Decrement(ref _sleepers);
        }
    }

    /// <summary>Registers a channel opened on this connection.</summary>
    /// <param name="channel">The channel.</param>
    public void Add(AmqpChannel channel) => _channels.TryAdd(channel, 0);

    /// <summary>Forgets a closed channel.</summary>
    /// <param name="channel">The channel.</param>
    public void Remove(AmqpChannel channel) => _channels.TryRemove(channel, out _);

    /// <summary>The channels open on this connection.</summary>
    public ICollection<AmqpChannel> Channels => _channels.Keys;

    private Task OnShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        _closeReason = reason;
        Complete();
        _shutdown.TrySetResult();
        return Task.CompletedTask;
    }
}

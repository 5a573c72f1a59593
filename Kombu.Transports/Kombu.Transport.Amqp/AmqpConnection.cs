using System.Collections.Concurrent;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Kombu.Transport.Amqp;

/// <summary>The transport's connection object: a RabbitMQ.Client connection plus the queue of events to drain.</summary>
/// <remarks>
/// RabbitMQ.Client dispatches deliveries on its own threads; the consumers only enqueue them here, and
/// <see cref="AmqpTransport.DrainEventsAsync"/> dequeues one and runs its handler in the draining call, as Kombu does.
/// </remarks>
internal sealed class AmqpConnection : ITransportConnection
{
    private readonly Channel<AmqpDelivery> _events =
        System.Threading.Channels.Channel.CreateUnbounded<AmqpDelivery>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<AmqpChannel, byte> _channels = new();
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

    /// <summary>Queues an event for <c>DrainEvents</c>.</summary>
    /// <param name="delivery">The delivery or failure.</param>
    public void Post(AmqpDelivery delivery) => _events.Writer.TryWrite(delivery);

    /// <summary>Stops accepting events and wakes every waiting drain.</summary>
    public void Complete() => _events.Writer.TryComplete();

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

using System.Runtime.CompilerServices;
using Kombu.Common;
using Kombu.Transport;
using Kombu.Utils;
using ModernConsumer = Kombu.Consumer;

namespace Kombu.Compat;

/// <summary>What carrot's <see cref="Consumer"/> and <see cref="ConsumerSet"/> share: queues consumed on their own channel.</summary>
/// <remarks>
/// In Kombu both derive from <c>kombu.messaging.Consumer</c>; <see cref="ModernConsumer"/> is sealed here, so this base
/// wraps one and exposes the same members. It cannot be derived from outside this assembly.
/// </remarks>
public abstract class ConsumerBase : IRevivable, IDisposable, IAsyncDisposable
{
    private readonly bool _ownsChannel;

    private protected ConsumerBase(Connection connection, IChannel? channel, IEnumerable<Queue> queues, bool noAck,
        bool autoDeclare, IEnumerable<Action<object?, Message>>? callbacks, Action<Message, Exception>? onDecodeError,
        IEnumerable<string>? accept, int? prefetchCount)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        _ownsChannel = channel is null;
        var backend = channel ?? connection.CreateChannel();
        try
        {
            Consumer = new ModernConsumer(backend, queues, noAck, autoDeclare, callbacks, onDecodeError,
                accept: accept, prefetchCount: prefetchCount);
        }
        catch
        {
            if (_ownsChannel)
                backend.Dispose();
            throw;
        }
    }

    /// <summary>The wrapped modern consumer.</summary>
    public ModernConsumer Consumer { get; }

    /// <summary>The connection whose events are drained.</summary>
    public Connection Connection { get; }

    /// <summary>The channel the consumer uses.</summary>
    public IChannel Channel => Consumer.Channel;

    /// <summary>The channel the consumer uses, under carrot's name.</summary>
    /// <remarks>Carrot's <c>backend</c>; the same as <see cref="Channel"/>.</remarks>
    public IChannel Backend => Consumer.Channel;

    /// <summary>The queues consumed from, bound to <see cref="Channel"/>.</summary>
    public IReadOnlyList<Queue> Queues => Consumer.Queues;

    /// <summary>Whether messages are consumed without acknowledgements.</summary>
    public bool NoAck => Consumer.NoAck;

    /// <summary>Whether the queues, exchanges and bindings are declared automatically.</summary>
    public bool AutoDeclare => Consumer.AutoDeclare;

    /// <summary>The registered callbacks, in call order.</summary>
    public IReadOnlyList<Delegate> Callbacks => Consumer.Callbacks;

    /// <summary>Called with (message, error) when a message body cannot be decoded.</summary>
    public Action<Message, Exception>? OnDecodeError
    {
        get => Consumer.OnDecodeError;
        set => Consumer.OnDecodeError = value;
    }

    /// <summary>Whether <see cref="Close"/> has been called.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Registers a callback called with (decoded body, message) for each message.</summary>
    /// <param name="callback">The callback.</param>
    public void RegisterCallback(Action<object?, Message> callback) => Consumer.RegisterCallback(callback);

    /// <summary>Registers an asynchronous callback called with (decoded body, message) for each message.</summary>
    /// <param name="callback">The callback.</param>
    public void RegisterCallback(Func<object?, Message, CancellationToken, Task> callback) =>
        Consumer.RegisterCallback(callback);

    /// <summary>Dispatches a decoded message to every registered callback.</summary>
    /// <param name="body">The decoded body.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="InvalidOperationException">No callback is registered (Kombu raises NotImplementedError).</exception>
    public void Receive(object? body, Message message) => SyncOverAsync.Wait(ReceiveAsync(body, message));

    /// <inheritdoc cref="Receive"/>
    public ValueTask ReceiveAsync(object? body, Message message, CancellationToken cancellationToken = default) =>
        Consumer.ReceiveAsync(body, message, cancellationToken);

    /// <summary>Declares every queue with its exchange and bindings.</summary>
    public void Declare() => SyncOverAsync.Wait(DeclareAsync());

    /// <inheritdoc cref="Declare"/>
    public ValueTask DeclareAsync(CancellationToken cancellationToken = default) => Consumer.DeclareAsync(cancellationToken);

    /// <summary>Adds a queue (declared at once with <see cref="AutoDeclare"/>); call <see cref="Consume"/> to start on it.</summary>
    /// <param name="queue">The queue.</param>
    /// <returns>The queue bound to this consumer's channel.</returns>
    public Queue AddQueue(Queue queue) => Consumer.AddQueue(queue);

    /// <summary>Continues on <paramref name="channel"/> after connection loss: rebinds and redeclares the queues.</summary>
    /// <param name="channel">The new channel; <see cref="Close"/> closes it when the consumer opened its own.</param>
    public void Revive(IChannel channel) => SyncOverAsync.Wait(ReviveAsync(channel));

    /// <inheritdoc cref="Revive"/>
    public ValueTask ReviveAsync(IChannel channel, CancellationToken cancellationToken = default) =>
        Consumer.ReviveAsync(channel, cancellationToken);

    /// <summary>Cancels every queue consumer and closes the channel, unless it was given to the constructor.</summary>
    public void Close() => SyncOverAsync.Wait(CloseAsync());

    /// <inheritdoc cref="Close"/>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        if (IsClosed)
            return;
        IsClosed = true;
        try
        {
            await Consumer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_ownsChannel)
                await Channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Same as <see cref="Close"/>; ends a <c>using</c> block as carrot's <c>with</c> did.</summary>
    public void Dispose() => SyncOverAsync.Wait(DisposeAsync());

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts consuming from every queue not consumed from yet.</summary>
    /// <param name="noAck">Skip acknowledgements; defaults to <see cref="NoAck"/>.</param>
    public void Consume(bool? noAck = null) => SyncOverAsync.Wait(ConsumeAsync(noAck));

    /// <inheritdoc cref="Consume"/>
    public ValueTask ConsumeAsync(bool? noAck = null, CancellationToken cancellationToken = default) =>
        Consumer.ConsumeAsync(noAck, cancellationToken);

    /// <summary>Whether the consumer is consuming from <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue name.</param>
    /// <returns><see langword="true"/> when a queue consumer is active on it.</returns>
    public bool ConsumingFrom(string queue) => Consumer.ConsumingFrom(queue);

    /// <inheritdoc cref="ConsumingFrom(string)"/>
    public bool ConsumingFrom(Queue queue) => Consumer.ConsumingFrom(queue);

    /// <summary>Ends every active queue consumer; already delivered messages are unaffected.</summary>
    public void Cancel() => SyncOverAsync.Wait(CancelAsync());

    /// <inheritdoc cref="Cancel"/>
    public ValueTask CancelAsync(CancellationToken cancellationToken = default) => Consumer.CancelAsync(cancellationToken);

    /// <summary>Cancels the consumer of one queue and stops tracking the queue.</summary>
    /// <param name="queue">The queue name.</param>
    public void CancelByQueue(string queue) => SyncOverAsync.Wait(CancelByQueueAsync(queue));

    /// <inheritdoc cref="CancelByQueue"/>
    public ValueTask CancelByQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        Consumer.CancelByQueueAsync(queue, cancellationToken);

    /// <summary>Removes every ready message from every queue; there is no undo.</summary>
    /// <returns>The number of messages removed.</returns>
    public long Purge() => SyncOverAsync.Wait(PurgeAsync());

    /// <inheritdoc cref="Purge"/>
    public ValueTask<long> PurgeAsync(CancellationToken cancellationToken = default) => Consumer.PurgeAsync(cancellationToken);

    /// <summary>Asks the broker to pause or resume sending messages.</summary>
    /// <param name="active">Resume (<see langword="true"/>) or pause.</param>
    public void Flow(bool active) => SyncOverAsync.Wait(FlowAsync(active));

    /// <inheritdoc cref="Flow"/>
    public ValueTask FlowAsync(bool active, CancellationToken cancellationToken = default) =>
        Consumer.FlowAsync(active, cancellationToken);

    /// <summary>Sets the prefetch window (ignored with no-ack).</summary>
    /// <param name="prefetchSize">Window in octets; 0 for no limit.</param>
    /// <param name="prefetchCount">Window in messages; 0 for no limit.</param>
    /// <param name="applyGlobal">Apply to the whole connection.</param>
    public void Qos(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false) =>
        SyncOverAsync.Wait(QosAsync(prefetchSize, prefetchCount, applyGlobal));

    /// <inheritdoc cref="Qos"/>
    public ValueTask QosAsync(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false,
        CancellationToken cancellationToken = default) =>
        Consumer.QosAsync(prefetchSize, prefetchCount, applyGlobal, cancellationToken);

    /// <summary>Redelivers the channel's unacknowledged messages.</summary>
    /// <param name="requeue">Let the broker give them to another consumer.</param>
    public void Recover(bool requeue = false) => SyncOverAsync.Wait(RecoverAsync(requeue));

    /// <inheritdoc cref="Recover"/>
    public ValueTask RecoverAsync(bool requeue = false, CancellationToken cancellationToken = default) =>
        Consumer.RecoverAsync(requeue, cancellationToken);

    /// <summary>Starts consuming, then drains the connection's events, yielding after each drain.</summary>
    /// <param name="limit">Most drains; <see langword="null"/> for no limit.</param>
    /// <param name="noAck">Skip acknowledgements; defaults to <see cref="NoAck"/>.</param>
    /// <param name="timeout">How long each drain waits; <see langword="null"/> waits forever (carrot's behaviour).</param>
    /// <returns>The number of each drain, from 0; callbacks have run for what the drain delivered.</returns>
    /// <exception cref="TimeoutException">A drain waited longer than <paramref name="timeout"/>.</exception>
    /// <remarks>Consuming starts on the first step of the enumeration. <paramref name="timeout"/> is not in carrot.</remarks>
    public IEnumerable<int> IterConsume(int? limit = null, bool? noAck = null, TimeSpan? timeout = null) =>
        SyncOverAsync.Enumerate(IterConsumeAsync(limit, noAck, timeout));

    /// <inheritdoc cref="IterConsume"/>
    public async IAsyncEnumerable<int> IterConsumeAsync(int? limit = null, bool? noAck = null, TimeSpan? timeout = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await ConsumeAsync(noAck, cancellationToken).ConfigureAwait(false);
        await foreach (var drain in EventLoop.RunAsync(Connection, limit, timeout, cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            yield return drain;
        }
    }
}

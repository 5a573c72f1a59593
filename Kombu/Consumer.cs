using System.Diagnostics;
using Kombu.Diagnostics;
using Kombu.Exceptions;
using Kombu.Serialization;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

/// <summary>Consumes messages from one or more queues on a channel and hands them to callbacks.</summary>
/// <remarks>
/// Kombu's <c>kombu.Consumer</c>. Call <see cref="Consume"/> to start, then drain events on the connection;
/// disposing cancels the consumers. A message whose body cannot be decoded goes to <see cref="OnDecodeError"/>
/// (or the exception propagates) and stays unacknowledged, so it is restored when the channel closes.
/// </remarks>
public sealed partial class Consumer : IRevivable, IDisposable, IAsyncDisposable
{
    private static long _tagCounter;
    private readonly List<Queue> _queues = [];
    private readonly Dictionary<string, string> _activeTags = new(StringComparer.Ordinal);
    private readonly List<Func<object?, Message, CancellationToken, ValueTask>> _callbacks = [];
    private readonly List<Delegate> _callbackDelegates = [];
    private readonly MessageHandler _onDelivery;

    /// <summary>Creates a consumer; with <paramref name="autoDeclare"/> its queues are declared now.</summary>
    /// <param name="channel">The channel to consume on.</param>
    /// <param name="queues">The queues to consume from.</param>
    /// <param name="noAck">Consume without acknowledgements (default false).</param>
    /// <param name="autoDeclare">Declare the queues, exchanges and bindings now (default true).</param>
    /// <param name="callbacks">Called in order with (decoded body, message) for each message.</param>
    /// <param name="onDecodeError">Called with (message, error) when a body cannot be decoded.</param>
    /// <param name="onMessage">Called with the raw message instead of decoding it and calling the callbacks.</param>
    /// <param name="accept">Content types to accept (aliases or MIME types); <see langword="null"/> for the registry's defaults.</param>
    /// <param name="prefetchCount">Prefetch window in messages, applied with <see cref="Qos"/>.</param>
    /// <param name="tagPrefix">Prefix of generated consumer tags.</param>
    public Consumer(IChannel channel, IEnumerable<Queue>? queues = null, bool noAck = false, bool autoDeclare = true,
        IEnumerable<Action<object?, Message>>? callbacks = null, Action<Message, Exception>? onDecodeError = null,
        Action<Message>? onMessage = null, IEnumerable<string>? accept = null, int? prefetchCount = null,
        string? tagPrefix = null)
        : this(channel, queues, noAck, autoDeclare, callbacks, onDecodeError, onMessage, accept, prefetchCount, tagPrefix,
            revive: true)
    {
    }

    /// <summary>Creates a consumer; unless <paramref name="revive"/> is set, <see cref="ReviveAsync"/> declares it later.</summary>
    internal Consumer(IChannel channel, IEnumerable<Queue>? queues, bool noAck, bool autoDeclare,
        IEnumerable<Action<object?, Message>>? callbacks, Action<Message, Exception>? onDecodeError,
        Action<Message>? onMessage, IEnumerable<string>? accept, int? prefetchCount, string? tagPrefix, bool revive)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Channel = channel;
        _queues.AddRange(queues ?? []);
        NoAck = noAck;
        AutoDeclare = autoDeclare;
        OnDecodeError = onDecodeError;
        OnMessage = onMessage;
        Accept = Serializers.PrepareAcceptContent(accept);
        PrefetchCount = prefetchCount;
        TagPrefix = tagPrefix ?? "";
        _onDelivery = OnDeliveryAsync;
        foreach (var callback in callbacks ?? [])
            RegisterCallback(callback);
        if (revive)
            Revive(channel);
        else
            BindQueues(channel);
    }

    /// <summary>Creates a consumer on a connection's default channel.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="queues">The queues to consume from.</param>
    /// <param name="noAck">Consume without acknowledgements.</param>
    /// <param name="autoDeclare">Declare the queues now.</param>
    /// <param name="callbacks">Called with (decoded body, message).</param>
    /// <param name="onDecodeError">Called with (message, error) on decode failures.</param>
    /// <param name="onMessage">Called with the raw message instead of the callbacks.</param>
    /// <param name="accept">Content types to accept.</param>
    /// <param name="prefetchCount">Prefetch window in messages.</param>
    /// <param name="tagPrefix">Prefix of generated consumer tags.</param>
    public Consumer(Connection connection, IEnumerable<Queue>? queues = null, bool noAck = false, bool autoDeclare = true,
        IEnumerable<Action<object?, Message>>? callbacks = null, Action<Message, Exception>? onDecodeError = null,
        Action<Message>? onMessage = null, IEnumerable<string>? accept = null, int? prefetchCount = null,
        string? tagPrefix = null)
        : this(connection.DefaultChannel, queues, noAck, autoDeclare, callbacks, onDecodeError, onMessage, accept,
            prefetchCount, tagPrefix)
    {
    }

    /// <summary>The channel the consumer uses.</summary>
    public IChannel Channel { get; private set; }

    /// <summary>The queues consumed from, bound to <see cref="Channel"/>.</summary>
    public IReadOnlyList<Queue> Queues => _queues;

    /// <summary>Whether messages are consumed without acknowledgements.</summary>
    public bool NoAck { get; }

    /// <summary>Whether the queues are declared automatically.</summary>
    public bool AutoDeclare { get; }

    /// <summary>The registered callbacks, in call order.</summary>
    public IReadOnlyList<Delegate> Callbacks => _callbackDelegates;

    /// <summary>Called with (message, error) when a message body cannot be decoded.</summary>
    public Action<Message, Exception>? OnDecodeError { get; set; }

    /// <summary>When set, called with each raw message instead of decoding it and calling the callbacks.</summary>
    public Action<Message>? OnMessage { get; set; }

    /// <summary>Accepted content types (MIME types), or <see langword="null"/> for the registry's defaults.</summary>
    public IReadOnlySet<string>? Accept { get; }

    /// <summary>Prefetch window in messages, or <see langword="null"/> to leave the channel's.</summary>
    public int? PrefetchCount { get; }

    /// <summary>Prefix of generated consumer tags.</summary>
    public string TagPrefix { get; }

    /// <summary>Registers a callback called with (decoded body, message) for each message.</summary>
    /// <param name="callback">The callback.</param>
    public void RegisterCallback(Action<object?, Message> callback)
    {
        _callbacks.Add((body, message, _) =>
        {
            callback(body, message);
            return ValueTask.CompletedTask;
        });
        _callbackDelegates.Add(callback);
    }

    /// <summary>Forgets every registered callback (Kombu code assigns <c>consumer.callbacks</c> anew).</summary>
    internal void ClearCallbacks()
    {
        _callbacks.Clear();
        _callbackDelegates.Clear();
    }

    /// <summary>Registers an asynchronous callback called with (decoded body, message) for each message.</summary>
    /// <param name="callback">The callback.</param>
    public void RegisterCallback(Func<object?, Message, CancellationToken, Task> callback)
    {
        _callbacks.Add((body, message, ct) => new ValueTask(callback(body, message, ct)));
        _callbackDelegates.Add(callback);
    }

    /// <summary>Declares every queue with its exchange and bindings.</summary>
    public void Declare()
    {
        foreach (var queue in _queues)
            queue.Declare();
    }

    /// <inheritdoc cref="Declare"/>
    public async ValueTask DeclareAsync(CancellationToken cancellationToken = default)
    {
        foreach (var queue in _queues)
            await queue.DeclareAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues on <paramref name="channel"/>: rebinds and redeclares the queues and reapplies the prefetch.</summary>
    /// <param name="channel">The new channel.</param>
    public void Revive(IChannel channel) => SyncOverAsync.Wait(ReviveAsync(channel));

    /// <inheritdoc cref="Revive"/>
    public async ValueTask ReviveAsync(IChannel channel, CancellationToken cancellationToken = default)
    {
        BindQueues(channel);
        if (AutoDeclare)
            await DeclareAsync(cancellationToken).ConfigureAwait(false);
        if (PrefetchCount is { } prefetch)
            await QosAsync(prefetchCount: prefetch, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a queue (declared at once with <see cref="AutoDeclare"/>); call <see cref="Consume"/> to start on it.</summary>
    /// <param name="queue">The queue.</param>
    /// <returns>The queue bound to this consumer's channel.</returns>
    public Queue AddQueue(Queue queue) => SyncOverAsync.Wait(AddQueueAsync(queue));

    /// <inheritdoc cref="AddQueue"/>
    public async ValueTask<Queue> AddQueueAsync(Queue queue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var bound = queue.Bind(Channel);
        if (AutoDeclare)
            await bound.DeclareAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _queues.Add(bound);
        return bound;
    }

    /// <summary>Whether the consumer is consuming from <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue name.</param>
    /// <returns><see langword="true"/> when a consumer is active on it.</returns>
    public bool ConsumingFrom(string queue) => _activeTags.ContainsKey(queue);

    /// <inheritdoc cref="ConsumingFrom(string)"/>
    public bool ConsumingFrom(Queue queue) => ConsumingFrom(queue.Name);

    /// <summary>The consumer tag this consumer uses on <paramref name="queue"/>, or <see langword="null"/>.</summary>
    internal string? TagFor(string queue) => _activeTags.TryGetValue(queue, out var tag) ? tag : null;

    /// <summary>Dispatches a decoded message to every registered callback.</summary>
    /// <param name="body">The decoded body.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="InvalidOperationException">No callback is registered (Kombu raises NotImplementedError).</exception>
    public void Receive(object? body, Message message) => SyncOverAsync.Wait(ReceiveAsync(body, message));

    /// <inheritdoc cref="Receive"/>
    public async ValueTask ReceiveAsync(object? body, Message message, CancellationToken cancellationToken = default)
    {
        if (_callbacks.Count == 0)
            throw new InvalidOperationException(ErrorMessages.NoCallbacks);
        foreach (var callback in _callbacks)
            await callback(body, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels the consumers (Kombu's <c>close</c>), ignoring connection errors.</summary>
    public void Dispose() => SyncOverAsync.Wait(DisposeAsync());

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CancelAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (Connection.IsAny(ex, Channel.Transport.ConnectionErrors))
        {
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"<Consumer: [{string.Join(", ", _queues)}]>";

    private async ValueTask OnDeliveryAsync(IncomingMessage incoming, CancellationToken cancellationToken)
    {
        var message = new Message(incoming);
        if (Accept is not null)
            message.Accept = Accept;
        var observed = KombuMetrics.ConsumeObserved;
        var queue = observed || KombuTracing.Source.HasListeners() ? QueueOf(message) : null;
        if (observed)
            MessageQueues.Set(message, queue);
        using var activity = KombuTracing.StartProcess(message, queue);
        var started = observed ? Stopwatch.GetTimestamp() : 0;
        if (observed)
            KombuMetrics.RecordDelivered(message);
        try
        {
            await DispatchAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            KombuTracing.Fail(activity, ex);
            throw;
        }
        finally
        {
            if (observed && KombuMetrics.HandlerDuration.Enabled)
                KombuMetrics.HandlerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, KombuMetrics.MessageTags(message));
        }
    }

    private async ValueTask DispatchAsync(Message message, CancellationToken cancellationToken)
    {
        object? decoded = null;
        try
        {
            if (message.Errors.Count > 0)
                throw message.Errors[0];
            if (OnMessage is null)
                decoded = message.Decode();
        }
        catch (KombuException ex)
        {
            KombuMetrics.RecordDecodeError(message);
            if (OnDecodeError is null)
                throw;
            OnDecodeError(message, ex);
            return;
        }
        if (OnMessage is { } onMessage)
            onMessage(message);
        else
            await ReceiveAsync(decoded, message, cancellationToken).ConfigureAwait(false);
    }

    // The queue a delivery came from, by its consumer tag: only looked up when someone listens.
    private string? QueueOf(Message message)
    {
        if (message.DeliveryInfo.TryGetValue("consumer_tag", out var value) && value is string tag)
        {
            foreach (var (queue, active) in _activeTags)
            {
                if (active == tag)
                    return queue;
            }
        }
        return _queues.Count == 1 ? _queues[0].Name : null;
    }

    private void BindQueues(IChannel channel)
    {
        _activeTags.Clear();
        Channel = channel;
        for (var i = 0; i < _queues.Count; i++)
            _queues[i] = _queues[i].Bind(channel);
    }

    private string NewTag() => TagPrefix + Interlocked.Increment(ref _tagCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

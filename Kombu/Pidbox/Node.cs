using Kombu.Clocks;
using Kombu.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kombu.Pidbox;

/// <summary>One named node of a <see cref="Mailbox"/>: it consumes its queue, runs handlers and replies.</summary>
/// <remarks>Kombu's <c>kombu.pidbox.Node</c>. Create it with <see cref="Mailbox.CreateNode"/>.</remarks>
public partial class Node
{
    private readonly ILogger _logger;

    /// <summary>Creates a node.</summary>
    /// <param name="hostname">The node name.</param>
    /// <param name="state">Passed to every handler.</param>
    /// <param name="channel">The channel to consume and reply on; the mailbox connection's default channel when <see langword="null"/>.</param>
    /// <param name="handlers">Handlers by method name; an empty map when <see langword="null"/>.</param>
    /// <param name="mailbox">The mailbox this is a node of.</param>
    public Node(string hostname, object? state, IChannel? channel,
        IDictionary<string, Func<object?, IDictionary<string, object?>, object?>>? handlers, Mailbox mailbox)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostname);
        ArgumentNullException.ThrowIfNull(mailbox);
        Hostname = hostname;
        State = state;
        Channel = channel;
        Handlers = handlers ?? new Dictionary<string, Func<object?, IDictionary<string, object?>, object?>>(StringComparer.Ordinal);
        Mailbox = mailbox;
        _logger = (mailbox.Connection?.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<Node>();
    }

    /// <summary>The host name of the node.</summary>
    public string Hostname { get; }

    /// <summary>The context passed on to handlers.</summary>
    public object? State { get; set; }

    /// <summary>The channel the node consumes and replies on, if set.</summary>
    public IChannel? Channel { get; set; }

    /// <summary>Handlers by method name.</summary>
    public IDictionary<string, Func<object?, IDictionary<string, object?>, object?>> Handlers { get; }

    /// <summary>The mailbox this is a node of.</summary>
    public Mailbox Mailbox { get; }

    /// <summary>The Lamport clock of the mailbox.</summary>
    public LamportClock Clock => Mailbox.Clock;

    /// <summary>Registers a handler under a method name.</summary>
    /// <param name="name">The method name.</param>
    /// <param name="handler">Called with (state, arguments); its result is the reply.</param>
    /// <returns>The handler.</returns>
    public Func<object?, IDictionary<string, object?>, object?> Handler(string name,
        Func<object?, IDictionary<string, object?>, object?> handler)
    {
        Handlers[name] = handler;
        return handler;
    }

    /// <summary>Creates a consumer of this node's queue.</summary>
    /// <param name="channel">The channel; <see cref="Channel"/> or the connection's default channel when <see langword="null"/>.</param>
    /// <param name="callbacks">Called with (body, message).</param>
    /// <param name="noAck">Consume without acknowledgements (default true).</param>
    /// <param name="accept">Accepted content types; the mailbox's when <see langword="null"/>.</param>
    /// <returns>The consumer, not yet consuming.</returns>
    /// <remarks>Kombu's <c>Node.Consumer</c>.</remarks>
    public Consumer CreateConsumer(IChannel? channel = null, IEnumerable<Action<object?, Message>>? callbacks = null,
        bool noAck = true, IEnumerable<string>? accept = null) =>
        new(ResolveChannel(channel), [Mailbox.GetQueue(Hostname)], noAck, callbacks: callbacks,
            onDecodeError: OnDecodeError, accept: accept ?? Mailbox.Options.Accept);

    /// <summary>Starts consuming this node's queue; drain the connection to serve requests.</summary>
    /// <param name="channel">The channel; <see cref="Channel"/> or the connection's default channel when <see langword="null"/>.</param>
    /// <param name="callback">Called with (body, message) instead of <see cref="HandleMessage"/>.</param>
    /// <returns>The consuming consumer; dispose it to stop.</returns>
    public Consumer Listen(IChannel? channel = null, Action<object?, Message>? callback = null)
    {
        var consumer = CreateConsumer(channel, [callback ?? ((body, message) => HandleMessage(body, message))]);
        consumer.Consume();
        return consumer;
    }

    /// <inheritdoc cref="Listen"/>
    public async ValueTask<Consumer> ListenAsync(IChannel? channel = null, Action<object?, Message>? callback = null,
        CancellationToken cancellationToken = default)
    {
        var consumer = CreateConsumer(channel, [callback ?? ((body, message) => HandleMessage(body, message))]);
        await consumer.ConsumeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return consumer;
    }

    /// <summary>Logs a request whose body could not be decoded.</summary>
    /// <param name="message">The message.</param>
    /// <param name="exception">The decoding error.</param>
    protected virtual void OnDecodeError(Message message, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _logger.LogDecodeError(exception, exception.Message);
    }

    /// <inheritdoc/>
    public override string ToString() => $"<Node: {Hostname} of {Mailbox}>";

    private IChannel ResolveChannel(IChannel? channel) =>
        channel ?? Channel ?? (Mailbox.Connection ?? throw new Exceptions.NotBoundException(
            Exceptions.ErrorMessages.MailboxNotBound)).DefaultChannel;
}

using Kombu.Clocks;
using Kombu.Exceptions;
using Kombu.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kombu.Pidbox;

/// <summary>One named node of a <see cref="Mailbox"/>: it consumes its queue, runs handlers and replies.</summary>
/// <remarks>Kombu's <c>kombu.pidbox.Node</c>. Create it with <see cref="Mailbox.CreateNode"/>.</remarks>
public class Node
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

    /// <summary>Handles a request body: adjusts the clock and dispatches it when this node is selected.</summary>
    /// <param name="body">The decoded request body.</param>
    /// <param name="message">The message, or <see langword="null"/>.</param>
    /// <returns>The handler's reply, or <see langword="null"/> when this node was not selected.</returns>
    /// <remarks>
    /// The node runs the command when <c>destination</c> lists its host name, else when <c>pattern</c> and <c>matcher</c>
    /// match it, else when neither is given. Kombu's <c>dispatch_from_message</c> is the same method.
    /// </remarks>
    public virtual object? HandleMessage(object? body, Message? message = null)
    {
        if (body is not IDictionary<string, object?> request)
            return null;
        if (message is not null)
            Clock.Adjust(message.Headers.Get("clock") is long clock ? clock : 0);
        var destination = request.Get("destination") as IEnumerable<object?>;
        var pattern = request.Get("pattern") as string;
        var matcher = request.Get("matcher") as string;
        bool selected;
        if (destination is not null && destination.Any())
            selected = destination.Any(d => d as string == Hostname);
        else if (!string.IsNullOrEmpty(pattern) && !string.IsNullOrEmpty(matcher))
            selected = NodeMatcher.Match(Hostname, pattern, matcher);
        else
            selected = true;
        if (!selected)
            return null;
        var replyTo = request.Get("reply_to") as IDictionary<string, object?>;
        return Dispatch(request.Get("method") as string ?? "",
            request.Get("arguments") as IDictionary<string, object?>, replyTo,
            request.Get("ticket") as string);
    }

    /// <summary>Runs a method and, when <paramref name="replyTo"/> is given, publishes the reply.</summary>
    /// <param name="method">The method name.</param>
    /// <param name="arguments">Keyword arguments of the method.</param>
    /// <param name="replyTo">The request's <c>reply_to</c> map (<c>exchange</c>, <c>routing_key</c>), or <see langword="null"/> for a cast.</param>
    /// <param name="ticket">The request ticket, copied into the reply headers.</param>
    /// <returns>The handler result, or <c>{"error": "&lt;repr&gt;"}</c> when the handler failed or is unknown.</returns>
    public virtual object? Dispatch(string method, IDictionary<string, object?>? arguments = null,
        IDictionary<string, object?>? replyTo = null, string? ticket = null)
    {
        arguments ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        _logger.LogDispatch(method, replyTo?.Get("exchange") as string, ticket);
        object? reply;
        if (!Handlers.ContainsKey(method))
        {
            reply = ErrorReply(null, PythonRepr.KeyError(method));
        }
        else
        {
            try
            {
                reply = replyTo is not null ? HandleCall(method, arguments) : HandleCast(method, arguments);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                reply = ErrorReply(ex, PythonRepr.Exception(ex));
            }
        }
        if (replyTo is not null)
        {
            var data = new Dictionary<string, object?>(StringComparer.Ordinal) { [Hostname] = reply };
            Reply(data, replyTo.Get("exchange") as string ?? "",
                replyTo.Get("routing_key") as string ?? "", ticket);
        }
        return reply;
    }

    /// <summary>Runs a handler for a request that wants a reply.</summary>
    /// <param name="method">The method name.</param>
    /// <param name="arguments">Keyword arguments.</param>
    /// <returns>The handler result.</returns>
    public virtual object? HandleCall(string method, IDictionary<string, object?> arguments) => Handle(method, arguments);

    /// <summary>Runs a handler for a request that wants no reply.</summary>
    /// <param name="method">The method name.</param>
    /// <param name="arguments">Keyword arguments.</param>
    /// <returns>The handler result.</returns>
    public virtual object? HandleCast(string method, IDictionary<string, object?> arguments) => Handle(method, arguments);

    /// <summary>Runs the handler registered for a method with this node's state.</summary>
    /// <param name="method">The method name.</param>
    /// <param name="arguments">Keyword arguments; empty when <see langword="null"/>.</param>
    /// <returns>The handler result.</returns>
    /// <exception cref="KeyNotFoundException">No handler has that name.</exception>
    public object? Handle(string method, IDictionary<string, object?>? arguments = null)
    {
        if (!Handlers.TryGetValue(method, out var handler))
            throw new KeyNotFoundException(ErrorMessages.PidboxUnknownMethod(method));
        return handler(State, arguments ?? new Dictionary<string, object?>(StringComparer.Ordinal));
    }

    /// <summary>Publishes a reply to the requester.</summary>
    /// <param name="data">The reply body, <c>{hostname: result}</c>.</param>
    /// <param name="exchange">The reply exchange name.</param>
    /// <param name="routingKey">The reply routing key (the requester's id).</param>
    /// <param name="ticket">The request ticket.</param>
    public virtual void Reply(object? data, string exchange, string routingKey, string? ticket) =>
        Mailbox.PublishReply(data, exchange, routingKey, ticket, Channel);

    private Dictionary<string, object?> ErrorReply(Exception? exception, string repr)
    {
        _logger.LogCommandError(exception, repr);
        return new Dictionary<string, object?>(StringComparer.Ordinal) { ["error"] = repr };
    }
}

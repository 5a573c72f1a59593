using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Kombu.Clocks;
using Kombu.Exceptions;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Pidbox;

/// <summary>A process mailbox: broadcast commands to named nodes and collect their replies.</summary>
/// <remarks>
/// Kombu's <c>kombu.pidbox.Mailbox</c>. Requests go to the exchange <c>&lt;namespace&gt;.pidbox</c>, replies to the direct
/// exchange <c>reply.&lt;namespace&gt;.pidbox</c>, so a Python mailbox and this one can call each other.
/// Python's <c>mailbox(connection)</c> is <see cref="Bind"/> and <c>mailbox.Node(...)</c> is <see cref="CreateNode"/>.
/// </remarks>
public partial class Mailbox
{
    private readonly ConcurrentDictionary<int, string> _oids;
    private readonly ConcurrentDictionary<string, List<object?>> _unclaimed;
    private readonly ConcurrentDictionary<string, ReplyCollector> _collectors;
    private readonly ConditionalWeakTable<IChannel, ConcurrentDictionary<string, Consumer>> _replyConsumers;

    /// <summary>Creates a mailbox for an application namespace.</summary>
    /// <param name="namespace">Name of the application; it names the exchanges and queues.</param>
    /// <param name="type">Request exchange type: direct (default) or fanout for broadcast (Celery uses fanout).</param>
    /// <param name="connection">The connection to bind to, if any.</param>
    /// <param name="options">Serializer, accepted content, clock and queue lifetimes.</param>
    public Mailbox(string @namespace, string type = "direct", Connection? connection = null, MailboxOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        Namespace = @namespace;
        Type = string.IsNullOrEmpty(type) ? "direct" : type;
        Connection = connection;
        Options = options ?? new MailboxOptions();
        Clock = Options.Clock ?? new LamportClock();
        Exchange = new Exchange($"{@namespace}.pidbox", Type, durable: false, deliveryMode: DeliveryMode.Transient);
        ReplyExchange = new Exchange($"reply.{@namespace}.pidbox", "direct", durable: false,
            deliveryMode: DeliveryMode.Transient);
        Handlers = new Dictionary<string, Func<object?, IDictionary<string, object?>, object?>>(StringComparer.Ordinal);
        _oids = new ConcurrentDictionary<int, string>();
        _unclaimed = new ConcurrentDictionary<string, List<object?>>(StringComparer.Ordinal);
        _collectors = new ConcurrentDictionary<string, ReplyCollector>(StringComparer.Ordinal);
        _replyConsumers = new ConditionalWeakTable<IChannel, ConcurrentDictionary<string, Consumer>>();
    }

    /// <summary>Copies a mailbox for <see cref="Bind"/>, sharing its handlers, clock, client id and unclaimed replies.</summary>
    /// <param name="source">The mailbox to copy.</param>
    /// <param name="connection">The connection of the copy.</param>
    protected Mailbox(Mailbox source, Connection connection)
    {
        ArgumentNullException.ThrowIfNull(source);
        (Namespace, Type, Options, Clock) = (source.Namespace, source.Type, source.Options, source.Clock);
        (Exchange, ReplyExchange, Handlers) = (source.Exchange, source.ReplyExchange, source.Handlers);
        (_oids, _unclaimed, _collectors, _replyConsumers) =
            (source._oids, source._unclaimed, source._collectors, source._replyConsumers);
        Connection = connection;
    }

    /// <summary>Name of the application.</summary>
    public string Namespace { get; }

    /// <summary>Type of the request exchange (usually direct, or fanout for broadcast).</summary>
    public string Type { get; }

    /// <summary>The connection, when bound.</summary>
    public Connection? Connection { get; }

    /// <summary>Serializer, accepted content and queue lifetimes.</summary>
    public MailboxOptions Options { get; }

    /// <summary>The Lamport clock stamped on requests and adjusted from replies.</summary>
    public LamportClock Clock { get; }

    /// <summary>The request exchange, <c>&lt;namespace&gt;.pidbox</c>.</summary>
    public Exchange Exchange { get; }

    /// <summary>The reply exchange, <c>reply.&lt;namespace&gt;.pidbox</c> (direct).</summary>
    public Exchange ReplyExchange { get; }

    /// <summary>Handlers by method name, given to nodes created without their own.</summary>
    public IDictionary<string, Func<object?, IDictionary<string, object?>, object?>> Handlers { get; }

    /// <summary>This client's id, unique per mailbox and thread; it names the reply queue.</summary>
    /// <remarks>Kombu's <c>oid</c>; Python derives a UUID3 from process, thread and object, here it is a random UUID.</remarks>
    public string Oid => _oids.GetOrAdd(Environment.CurrentManagedThreadId, static _ => Uuids.New());

    /// <summary>The reply queue of this client, <c>&lt;oid&gt;.reply.&lt;namespace&gt;.pidbox</c>.</summary>
    public Queue ReplyQueue => GetReplyQueue();

    /// <summary>Returns a copy of this mailbox bound to a connection.</summary>
    /// <param name="connection">The connection to use.</param>
    /// <returns>The bound mailbox; it shares handlers, clock and client id with this one.</returns>
    /// <remarks>Kombu's <c>Mailbox.__call__</c>.</remarks>
    public virtual Mailbox Bind(Connection connection) => new(this, connection);

    /// <summary>Creates a node that serves this mailbox under a host name.</summary>
    /// <param name="hostname">The node name; the machine name when <see langword="null"/>.</param>
    /// <param name="state">Passed to every handler.</param>
    /// <param name="channel">The channel to consume and reply on; the connection's default channel when <see langword="null"/>.</param>
    /// <param name="handlers">Handlers by method name; the mailbox's <see cref="Handlers"/> when <see langword="null"/>.</param>
    /// <returns>The node.</returns>
    /// <remarks>Kombu's <c>Mailbox.Node</c>.</remarks>
    public virtual Node CreateNode(string? hostname = null, object? state = null, Transport.IChannel? channel = null,
        IDictionary<string, Func<object?, IDictionary<string, object?>, object?>>? handlers = null) =>
        new(hostname ?? Environment.MachineName, state, channel, handlers ?? Handlers, this);

    /// <summary>Registers a handler under a method name.</summary>
    /// <param name="name">The method name.</param>
    /// <param name="handler">Called with (state, arguments); its result is the reply.</param>
    /// <returns>The handler.</returns>
    /// <remarks>Kombu's <c>@mailbox.handler</c> decorator, which takes the function name.</remarks>
    public Func<object?, IDictionary<string, object?>, object?> Handler(string name,
        Func<object?, IDictionary<string, object?>, object?> handler)
    {
        Handlers[name] = handler;
        return handler;
    }

    /// <summary>Returns the queue a node consumes: <c>&lt;hostname&gt;.&lt;namespace&gt;.pidbox</c> bound to the request exchange.</summary>
    /// <param name="hostname">The node name.</param>
    /// <returns>The queue declaration.</returns>
    public Queue GetQueue(string hostname) =>
        new($"{hostname}.{Namespace}.pidbox", Exchange, durable: Options.QueueDurable,
            exclusive: Options.QueueExclusive, autoDelete: !Options.QueueDurable, expires: Options.QueueExpires,
            messageTtl: Options.QueueTtl);

    /// <summary>Returns a reply queue bound to the reply exchange with its id as routing key.</summary>
    /// <param name="ticket">
    /// The id naming the queue: <see langword="null"/> for this thread's <see cref="Oid"/> (Kombu 5), a ticket for
    /// Kombu 2.2's per-call queue <c>&lt;ticket&gt;.reply.&lt;namespace&gt;.pidbox</c>.
    /// </param>
    /// <returns>The queue declaration.</returns>
    public Queue GetReplyQueue(string? ticket = null)
    {
        var id = ticket ?? Oid;
        return new Queue($"{id}.reply.{Namespace}.pidbox", ReplyExchange, id, durable: Options.QueueDurable,
            exclusive: Options.QueueExclusive, autoDelete: !Options.QueueDurable, expires: Options.ReplyQueueExpires,
            messageTtl: Options.ReplyQueueTtl);
    }

    /// <inheritdoc/>
    public override string ToString() => $"<Mailbox: {Namespace}.pidbox ({Type})>";

    private Connection BoundConnection => Connection ?? throw new NotBoundException(ErrorMessages.MailboxNotBound);
}

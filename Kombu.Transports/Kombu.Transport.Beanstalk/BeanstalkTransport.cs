// Kombu for .NET — beanstalk transport (Kombu 2.x/3.x kombu.transport.beanstalk; removed from Kombu in 4.0)
//
// Type:                virtual (routing emulated in .NET over beanstalkd tubes; own protocol client, BeanstalkClient)
// Exchange types:      direct, topic, headers. Fanout raises UnsupportedOperationException (no pub/sub in beanstalkd).
// Connection string:   beanstalk://[host][:port]   (default localhost:11300; no credentials, no virtual host)
// Transport options:   polling_interval (seconds, default 1), deadletter_queue, body_encoding (default base64).
// Message property:    ttr (seconds) sets the job's time-to-run; default 120 s (beanstalkc's DEFAULT_TTR).
// Wire:                tube = queue name verbatim; job body = the virtual envelope JSON (§4.1, with the 2.x
//                      delivery_info.priority too); job priority = Kombu priority 0-9 unchanged (lower first).
// Acknowledgement:     ack = delete; reject = delete; requeue, recover and unacked-at-close = release.
//                      (Kombu 2.x deleted each job as soon as it was reserved; this port deletes on ack.)
using Kombu.Transport.Virtual;
using Microsoft.Extensions.Logging;

namespace Kombu.Transport.Beanstalk;

/// <summary>Transport over beanstalkd: one tube per queue, routing and acknowledgements emulated by the virtual layer.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.beanstalk.Transport</c> (URL <c>beanstalk://host:11300</c>). Each channel has its own
/// connection to the server, because reserved jobs belong to the connection that reserved them. Exchanges, bindings
/// and declared queues live in the memory of the process, shared by its beanstalk connections (Kombu's class-level
/// <c>BrokerState</c>). Lower priorities are served first, as beanstalkd orders them.
/// </remarks>
public sealed class BeanstalkTransport : VirtualTransport
{
    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "headers" }, Priorities: true);

    private static readonly BrokerState s_state = new();
    private static readonly HashSet<string> s_declared = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private BeanstalkClient? _spare;

    /// <summary>Creates the transport for <paramref name="client"/>.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    public BeanstalkTransport(Connection client) : base(client)
    {
    }

    /// <inheritdoc/>
    public override string DriverType => "beanstalk";

    /// <inheritdoc/>
    public override string DriverName => "beanstalk";

    /// <inheritdoc/>
    public override int? DefaultPort => BeanstalkClient.DefaultPort;

    /// <inheritdoc/>
    public override TransportCapabilities Implements => s_capabilities;

    /// <summary>The process-wide exchanges and bindings, shared by every beanstalk connection as in Kombu.</summary>
    public override BrokerState State => s_state;

    /// <summary>The server host the channels connect to.</summary>
    public string Host => string.IsNullOrEmpty(Client.Hostname) ? DefaultHostname ?? "localhost" : Client.Hostname;

    /// <summary>The server port the channels connect to.</summary>
    public int Port => Client.Port ?? BeanstalkClient.DefaultPort;

    /// <inheritdoc/>
    public override async ValueTask<ITransportConnection> EstablishConnectionAsync(CancellationToken cancellationToken = default)
    {
        var client = await ConnectClientAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            (_spare, client) = (client, _spare);
        }
        client?.Dispose();
        return this;
    }

    /// <inheritdoc/>
    public override async ValueTask CloseConnectionAsync(ITransportConnection connection, CancellationToken cancellationToken = default)
    {
        await base.CloseConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
        BeanstalkClient? spare;
        lock (_lock)
            (spare, _spare) = (_spare, null);
        spare?.Dispose();
    }

    /// <inheritdoc/>
    public override bool VerifyConnection(ITransportConnection connection) => Channels.All(c => c is not BeanstalkChannel { IsBroken: true });

    /// <inheritdoc/>
    protected override VirtualChannel CreateVirtualChannel() => new BeanstalkChannel(this);

    /// <summary>Gives a channel its connection: the one made by <see cref="EstablishConnectionAsync"/>, or a new one.</summary>
    internal async ValueTask<BeanstalkClient> OpenClientAsync(CancellationToken cancellationToken)
    {
        BeanstalkClient? spare;
        lock (_lock)
            (spare, _spare) = (_spare, null);
        return spare is { IsConnected: true } ? spare : await ConnectClientAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the channels log.</summary>
    internal ILogger Log => Logger;

    internal void RememberQueue(string queue)
    {
        lock (s_declared)
            s_declared.Add(queue);
    }

    internal bool ForgetQueue(string queue)
    {
        lock (s_declared)
            return s_declared.Remove(queue);
    }

    internal bool IsDeclared(string queue)
    {
        lock (s_declared)
            return s_declared.Contains(queue);
    }

    private ValueTask<BeanstalkClient> ConnectClientAsync(CancellationToken cancellationToken) =>
        BeanstalkClient.ConnectAsync(Host, Port, Client.ConnectTimeout, cancellationToken);
}

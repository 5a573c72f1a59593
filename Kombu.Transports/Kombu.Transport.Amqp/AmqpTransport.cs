using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using RabbitMQ.Client;

namespace Kombu.Transport.Amqp;

/// <summary>The AMQP 0-9-1 transport (RabbitMQ), built on RabbitMQ.Client 7.</summary>
/// <remarks>
/// <para>Kombu's <c>kombu.transport.pyamqp</c> (aliases <c>amqp</c>, <c>amqps</c>, <c>pyamqp</c>, <c>amqplib</c>,
/// <c>librabbitmq</c>, <c>pika</c>).</para>
/// <list type="bullet">
/// <item><term>Type</term><description>native: every operation is the AMQP 0-9-1 method of the same name, sent to the broker.</description></item>
/// <item><term>Exchange types</term><description>direct, topic, fanout, headers (and any type the broker has a plugin for).</description></item>
/// <item><term>Connection string</term><description><c>amqp://[USER:PASSWORD@]BROKER_ADDRESS[:PORT][/VIRTUALHOST]</c>;
/// <c>amqps://</c> or <c>ssl=true</c> for TLS (port 5671). Defaults: localhost, 5672, guest/guest, vhost <c>/</c>
/// (<c>amqp://host//</c> is vhost <c>/</c>, <c>amqp://host/foo</c> is <c>foo</c>). URL options <c>ssl</c>,
/// <c>connect_timeout</c>, <c>heartbeat</c>, <c>login_method</c> (PLAIN, AMQPLAIN, EXTERNAL), <c>ssl_*</c>
/// (<c>ssl_ca_certs</c>, <c>ssl_certfile</c>, <c>ssl_keyfile</c>, <c>ssl_cert_reqs</c>, <c>ssl_server_hostname</c>);
/// <c>insist</c> is accepted and ignored.</description></item>
/// <item><term>Transport options</term><description><c>confirm_publish</c> (bool: publisher confirms, publish waits for the
/// broker's ack and raises <see cref="Exceptions.MessageNackedException"/> on nack; <c>Publish(timeout:)</c> bounds the
/// wait), <c>client_properties</c> (map sent in connection.start-ok), <c>channel_max</c>, <c>frame_max</c>; the core's <c>max_retries</c>, <c>interval_start</c>, <c>interval_step</c>, <c>interval_max</c>.</description></item>
/// <item><term>Features</term><description>priorities (<c>x-max-priority</c>), <c>x-message-ttl</c>, <c>x-expires</c>,
/// heartbeats, <c>mandatory</c> with <see cref="AmqpChannel.Returned"/>, qos (prefetch count, global), exchange-to-exchange
/// bindings. <c>DrainEvents</c> waits on every channel of the connection and runs the consumer callback on the calling
/// thread. Not supported by RabbitMQ: <c>immediate</c> (ignored), <c>flow(false)</c> and <c>recover(requeue=false)</c> (raise).
/// RabbitMQ.Client leaves default-valued properties out, so <c>priority</c> 0 is not sent (py-amqp sends it).</description></item>
/// </list>
/// </remarks>
[UrlTransportOptions("confirm_publish")]
public sealed class AmqpTransport : BrokerTransport
{
    private const int AccessRefused = 403;

    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "fanout", "headers" }, Heartbeats: true,
            Priorities: true, BrokerAutoDelete: true);

    /// <summary>Creates the transport for <paramref name="client"/>.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    public AmqpTransport(Connection client) : base(client)
    {
    }

    /// <inheritdoc/>
    /// <remarks>py-amqp's: network failures, 320 CONNECTION_FORCED, 506 RESOURCE_ERROR, and the use of a channel or
    /// connection that is already closed.</remarks>
    public override IReadOnlyList<Type> RecoverableConnectionErrors => AmqpErrors.RecoverableConnectionErrors;

    /// <inheritdoc/>
    /// <remarks>py-amqp's: 311 CONTENT_TOO_LARGE, 313 NO_CONSUMERS, 405 RESOURCE_LOCKED.</remarks>
    public override IReadOnlyList<Type> RecoverableChannelErrors => AmqpErrors.RecoverableChannelErrors;

    /// <inheritdoc/>
    protected internal override bool ClassifiesRecoverableErrors => true;

    /// <inheritdoc/>
    public override int? DefaultPort => UsesSsl ? 5671 : 5672;

    /// <inheritdoc/>
    public override string DriverType => "amqp";

    /// <inheritdoc/>
    public override string DriverName => "RabbitMQ.Client";

    /// <inheritdoc/>
    public override string DriverVersion =>
        typeof(ConnectionFactory).Assembly.GetName().Version?.ToString() ?? base.DriverVersion;

    /// <inheritdoc/>
    public override TransportCapabilities Implements => s_capabilities;

    /// <inheritdoc/>
    public override string? DefaultUserId => "guest";

    /// <inheritdoc/>
    public override string? DefaultPassword => "guest";

    private bool UsesSsl => Client.Ssl || Client.TransportName == "amqps";

    /// <inheritdoc/>
    /// <remarks>
    /// The whole attempt (TCP connect, TLS and the AMQP handshake) is bounded by <see cref="Connection.ConnectTimeout"/>:
    /// a peer that accepts the TCP connection but never answers raises <see cref="AmqpConnectionException"/>, as py-amqp's
    /// socket timeout does.
    /// </remarks>
    public override async ValueTask<ITransportConnection> EstablishConnectionAsync(CancellationToken cancellationToken = default)
    {
        var factory = CreateFactory();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Client.ConnectTimeout > TimeSpan.Zero)
            deadline.CancelAfter(Client.ConnectTimeout);
        var connecting = factory.CreateConnectionAsync(deadline.Token);
        try
        {
            var connection = await connecting.WaitAsync(deadline.Token).ConfigureAwait(false);
            var amqp = new AmqpConnection(connection, ConfirmPublish);
            // RabbitMQ.Client can hand back a connection the broker refused at connection.open (a missing vhost, 530).
            if (amqp.CloseReason is { } refused)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw AmqpErrors.ConnectionError(AmqpMessages.Closed("Connection", refused), refused, null);
            }
            return amqp;
        }
        catch (OperationCanceledException ex)
        {
            // The driver may still finish the handshake later: that connection is closed as soon as it exists.
            _ = connecting.ContinueWith(static t =>
            {
                if (t.IsCompletedSuccessfully)
                    t.Result.Dispose();
                return t.Exception;
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            throw new AmqpRecoverableConnectionException(
                AmqpMessages.ConnectTimedOut(factory.HostName, factory.Port, Client.ConnectTimeout), 0, ex);
        }
        catch (Exception ex) when (AmqpErrors.IsDriverError(ex))
        {
            // A refused login is py-amqp's AccessRefused: raised at once, not retried; the network failures are.
            var text = AmqpMessages.ConnectFailed(factory.HostName, factory.Port, ex);
            throw AmqpErrors.IsLoginRefused(ex)
                ? new AmqpConnectionException(text, AccessRefused, ex)
                : new AmqpRecoverableConnectionException(text, 0, ex);
        }
    }

    /// <inheritdoc/>
    public override ValueTask CloseConnectionAsync(ITransportConnection connection, CancellationToken cancellationToken = default) =>
        CloseAsync((AmqpConnection)connection, abort: false, TimeSpan.FromSeconds(5), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>py-amqp's <c>collect</c>: the connection is given at most a second to close, errors ignored.</remarks>
    public override ValueTask CollectAsync(ITransportConnection connection, CancellationToken cancellationToken = default) =>
        CloseAsync((AmqpConnection)connection, abort: true, TimeSpan.FromSeconds(1), cancellationToken);

    private static async ValueTask CloseAsync(AmqpConnection amqp, bool abort, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        amqp.Complete();
        try
        {
            if (amqp.Inner.IsOpen)
            {
                await amqp.Inner.CloseAsync(Constants.ReplySuccess, "Goodbye", timeout, abort, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (AmqpErrors.IsDriverError(ex))
        {
            // Closing a connection that is already broken is not an error worth raising.
        }
        finally
        {
            await amqp.Inner.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<IChannel> CreateChannelAsync(ITransportConnection connection, CancellationToken cancellationToken = default)
    {
        var amqp = (AmqpConnection)connection;
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: amqp.ConfirmPublish,
            publisherConfirmationTrackingEnabled: amqp.ConfirmPublish);
        try
        {
            // A channel.open sent as the broker closes the connection may never be answered: RabbitMQ.Client would wait
            // its 20 s continuation timeout ("A task was canceled"); the close reason is the real error.
            var opening = amqp.Inner.CreateChannelAsync(options, cancellationToken);
            if (await Task.WhenAny(opening, amqp.Shutdown).ConfigureAwait(false) != opening && amqp.CloseReason is { } reason)
            {
                _ = opening.ContinueWith(static t => t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw AmqpErrors.ConnectionError(AmqpMessages.Closed("Connection", reason), reason, null);
            }
            var channel = await opening.ConfigureAwait(false);
            return new AmqpChannel(this, amqp, channel);
        }
        catch (Exception ex) when (AmqpErrors.IsDriverError(ex))
        {
            throw AmqpErrors.Translate(ex, connectionOpen: false);
        }
    }

    /// <inheritdoc/>
    public override bool VerifyConnection(ITransportConnection connection) => connection is AmqpConnection { IsOpen: true };

    // The RabbitMQ.Client connection factory, built from the connection's parameters and transport options.
    private bool ConfirmPublish => Option("confirm_publish") is { } v && v switch
    {
        bool b => b,
        string s => s.Length > 0 && !s.Equals("false", StringComparison.OrdinalIgnoreCase) && s != "0",
        _ => Convert.ToBoolean(v, CultureInfo.InvariantCulture),
    };

    /// <summary>Builds the RabbitMQ.Client connection factory from the connection's parameters.</summary>
    /// <returns>A factory with automatic recovery off: Kombu's <c>Ensure</c> does the reconnecting.</returns>
    internal ConnectionFactory CreateFactory()
    {
        var client = Client;
        var host = string.IsNullOrEmpty(client.Hostname) ? DefaultHostname ?? "localhost" : client.Hostname;
        var factory = new ConnectionFactory
        {
            HostName = host,
            Port = client.Port ?? DefaultPort ?? 5672,
            UserName = client.UserId ?? DefaultUserId!,
            Password = client.Password ?? DefaultPassword!,
            VirtualHost = client.VirtualHost,
            RequestedHeartbeat = client.Heartbeat ?? TimeSpan.Zero,
            RequestedConnectionTimeout = client.ConnectTimeout,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = "kombu-dotnet",
            SocketFactory = EndOfStreamTcpClient.Create,
        };
        if (Option("channel_max") is { } channelMax)
            factory.RequestedChannelMax = Convert.ToUInt16(channelMax, CultureInfo.InvariantCulture);
        if (Option("frame_max") is { } frameMax)
            factory.RequestedFrameMax = Convert.ToUInt32(frameMax, CultureInfo.InvariantCulture);
        if (Option("client_properties") is IDictionary<string, object?> props)
        {
            foreach (var (key, value) in AmqpFieldTable.ToAmqp(props)!)
                factory.ClientProperties[key] = value;
        }
        factory.AuthMechanisms = (client.LoginMethod ?? "PLAIN").ToUpperInvariant() switch
        {
            "PLAIN" => [new PlainMechanismFactory()],
            "AMQPLAIN" => [new AmqPlainMechanismFactory()],
            "EXTERNAL" => [new ExternalMechanismFactory()],
            _ => throw new ArgumentException(AmqpMessages.UnsupportedLoginMethod(client.LoginMethod!)),
        };
        if (UsesSsl)
            factory.Ssl = CreateSslOption(host, client.SslOptions);
        return factory;
    }

    private static SslOption CreateSslOption(string host, IReadOnlyDictionary<string, object> options)
    {
        string? Get(string key) => options.TryGetValue(key, out var v) || options.TryGetValue("ssl_" + key, out v)
            ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
        var ssl = new SslOption { Enabled = true, ServerName = Get("server_hostname") ?? host };
        if (Get("certfile") is { } certfile)
            ssl.CertPath = certfile;
        if ((Get("keyfile_password") ?? Get("password")) is { } passphrase)
            ssl.CertPassphrase = passphrase;
        var reqs = Get("cert_reqs")?.ToUpperInvariant();
        if (reqs is "CERT_NONE" or "NONE" or "0")
        {
            ssl.AcceptablePolicyErrors = SslPolicyErrors.RemoteCertificateNameMismatch |
                SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNotAvailable;
        }
        else if (Get("check_hostname") is { } check && check.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            ssl.AcceptablePolicyErrors = SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        return ssl;
    }

    private object? Option(string key) => Client.TransportOptions.TryGetValue(key, out var v) ? v : null;

    // Draining events: the next delivery on any channel of the connection.
    /// <inheritdoc/>
    /// <remarks>
    /// Waits for the next delivery on any channel of the connection and runs its consumer callback. A lost connection
    /// raises <see cref="AmqpConnectionException"/>; a consuming channel closed by the broker raises
    /// <see cref="AmqpChannelException"/>.
    /// </remarks>
    public override async ValueTask DrainEventsAsync(ITransportConnection connection, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var amqp = (AmqpConnection)connection;
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            ThrowIfClosed(amqp);
            if (amqp.Pending.TryRead(out var delivery))
            {
                if (delivery.Error is not null)
                    throw delivery.Error;
                if (await delivery.Channel.DispatchAsync(delivery, cancellationToken).ConfigureAwait(false))
                    return;
                continue;
            }
            if (!await WaitForEventAsync(amqp, Remaining(start, timeout), cancellationToken).ConfigureAwait(false))
                ThrowClosed(amqp);
        }
    }

    // Without a timeout there is no cancellation source to create: the common case of a consumer loop.
    private static async ValueTask<bool> WaitForEventAsync(AmqpConnection amqp, TimeSpan remaining,
        CancellationToken cancellationToken)
    {
        if (remaining == Timeout.InfiniteTimeSpan)
            return await amqp.Pending.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(remaining);
        try
        {
            return await amqp.Pending.WaitToReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(AmqpMessages.DrainTimedOut);
        }
    }

    private static TimeSpan Remaining(long start, TimeSpan? timeout)
    {
        if (timeout is not { } max)
            return Timeout.InfiniteTimeSpan;
        var left = max - Stopwatch.GetElapsedTime(start);
        if (left <= TimeSpan.Zero)
            throw new TimeoutException(AmqpMessages.DrainTimedOut);
        return left;
    }

    private static void ThrowIfClosed(AmqpConnection connection)
    {
        if (!connection.IsOpen)
            ThrowClosed(connection);
    }

    private static void ThrowClosed(AmqpConnection connection)
    {
        var reason = connection.CloseReason;
        throw AmqpErrors.ConnectionError(
            reason is null ? AmqpMessages.ConnectionClosed : AmqpMessages.Closed("Connection", reason),
            reason, null);
    }
}

// Kombu for .NET — Amazon SQS transport (Kombu 5 kombu.transport.SQS), on AWSSDK.SQS
//
// Type:                virtual (exchanges and bindings emulated in process memory, shared by the process's SQS
//                      connections as Kombu's class-level BrokerState; queues are SQS queues)
// Exchange types:      direct, topic, headers. Fanout raises UnsupportedOperationException (Kombu's SQS fanout
//                      needed SimpleDB or SNS, neither is available). Priorities: no.
// Connection string:   sqs://[access_key_id:secret@][host[:port]]  — with a host, endpoint = http(s)://host[:port]
//                      (is_secure picks https); credentials else from access_key_id/secret_access_key keywords,
//                      else the standard AWS environment variables / credential chain.
// Transport options:   endpoint_url, region (us-east-1), queue_name_prefix (""), visibility_timeout (1800),
//                      wait_time_seconds (10, long polling), sqs_base64_encoding (true), predefined_queues (per queue:
//                      url, access_key_id, secret_access_key, session_token, region, backoff_policy, backoff_tasks),
//                      sqs-creation-attributes, queue_tags, client-config (connect_timeout, read_timeout, retries,
//                      max_pool_connections, region_name), sts_role_arn, sts_token_timeout (900, the minimum),
//                      sts_token_buffer_time (0), sts_endpoint_url (.NET only), is_secure, polling_interval, body_encoding.
// Wire:                queue = entity_name(prefix + name) (§6.1); SQS body = base64 of the envelope JSON (§6.3);
//                      properties.message_attributes → SQS MessageAttributes; .fifo queues get MessageGroupId
//                      (property or "default") and MessageDeduplicationId (property or a UUID4). delivery_info of a
//                      received message carries sqs_queue (URL) and sqs_message (MessageId, ReceiptHandle, MD5OfBody,
//                      Attributes; not the Body).
// Acknowledgement:     delivery tag = ReceiptHandle; ack = DeleteMessage; reject(requeue=false) sends nothing (the
//                      message returns after the visibility timeout, as in Kombu 5); requeue and restore-on-close =
//                      ChangeMessageVisibility(VisibilityTimeout = wait_time_seconds), as Kombu's _put does. After a
//                      reject, a predefined queue's backoff_policy (receive count → seconds) applies to the tasks named
//                      in backoff_tasks (the "task" header): ChangeMessageVisibility to that many seconds.
//                      no_ack consumers and gets delete each message on delivery. A DeleteMessage error other than
//                      AccessDenied turns the ack into a reject (logged), as in Kombu 5; AccessDenied raises.
// Receiving:           consumed queues: ReceiveMessage(MaxNumberOfMessages = prefetch window less what is buffered,
//                      1–10, WaitTimeSeconds = wait_time_seconds), as Kombu's _get_bulk; the extra messages wait in the
//                      channel and are made visible again (timeout 0) when their consumer is cancelled or the channel
//                      closes. basic_get of a queue without consumer receives one message, as Kombu's _get.
// Credentials:         predefined queues with access_key_id/secret_access_key (and session_token) get their own
//                      client; a missing half comes from the connection, as in Kombu. With sts_role_arn every predefined
//                      queue is reached with one assumed role (STS AssumeRole, session "Celery", renewed when it expires,
//                      sts_token_buffer_time early); STS is asked with the connection's key when it has one (Kombu: boto3's
//                      default credentials). Tested on fauxqs, with STS answered by moto (fauxqs has no AssumeRole).
// Not supported yet:   fetch_message_attributes (5.6), SNS fanout (after 5.6.0), client-config keys other than those above.
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SQS;
using Kombu.Exceptions;
using Kombu.Transport.Virtual;
using Microsoft.Extensions.Logging;

namespace Kombu.Transport.Sqs;

/// <summary>The Amazon SQS transport: Kombu's virtual AMQP emulation over SQS queues, on the wire Kombu 5 uses.</summary>
/// <remarks>Kombu's <c>kombu.transport.SQS.Transport</c> (aliases <c>sqs</c>, <c>SQS</c>).</remarks>
public sealed class SqsTransport : VirtualTransport
{
    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "headers" });

    private static readonly BrokerState s_state = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AmazonSQSClient> _queueClients = new(StringComparer.Ordinal);
    private AmazonSQSClient? _sqs;
    private AmazonSecurityTokenServiceClient? _sts;
    private SqsAssumedRoleCredentials? _assumedRole;

    /// <summary>Creates the transport for <paramref name="client"/>, reading its URL and transport options.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    /// <exception cref="ArgumentException">A transport option is malformed.</exception>
    public SqsTransport(Connection client) : base(client)
    {
        Options = SqsTransportOptions.Parse(client.TransportOptions);
        Queues = new SqsQueueCache(this);
    }

    /// <summary>The SQS transport options in force.</summary>
    public SqsTransportOptions Options { get; }

    internal SqsQueueCache Queues { get; }

    internal ILogger Log => Logger;

    /// <summary>The process-wide exchanges and bindings, shared by every SQS connection as in Kombu (class-level <c>BrokerState</c>).</summary>
    public override BrokerState State => s_state;

    /// <inheritdoc/>
    public override int? DefaultPort => null;

    /// <inheritdoc/>
    public override string DriverType => "sqs";

    /// <inheritdoc/>
    public override string DriverName => "sqs";

    /// <inheritdoc/>
    public override string DriverVersion => typeof(AmazonSQSClient).Assembly.GetName().Version?.ToString() ?? "N/A";

    /// <inheritdoc/>
    public override TransportCapabilities Implements => s_capabilities;

    /// <inheritdoc/>
    public override IReadOnlyList<Type> ConnectionErrors { get; } =
        [typeof(KombuConnectionException), typeof(HttpRequestException), typeof(IOException)];

    /// <inheritdoc/>
    public override IReadOnlyList<Type> ChannelErrors { get; } =
        [typeof(KombuChannelException), typeof(AmazonSQSException)];

    /// <summary>The endpoint the client talks to, or <see langword="null"/> for the region's AWS endpoint.</summary>
    public string? EndpointUrl => Options.EndpointUrl ?? (string.IsNullOrEmpty(Client.Hostname)
        ? null
        : $"{(Options.IsSecure ? "https" : "http")}://{Client.Hostname}{(Client.Port is { } port ? ":" + port : "")}");

    /// <summary>The SQS client of this connection, created on first use.</summary>
    public AmazonSQSClient Sqs
    {
        get
        {
            lock (_lock)
                return _sqs ??= CreateClient(null, null);
        }
    }

    /// <summary>The SQS client for one queue: a predefined queue's own (credentials, session token, region or assumed role), else <see cref="Sqs"/>.</summary>
    /// <param name="sqsName">The SQS queue name.</param>
    /// <returns>The client, created on first use.</returns>
    /// <remarks>
    /// Kombu's <c>Channel.sqs(queue)</c>: a key or secret the queue leaves out comes from the connection; with
    /// <c>sts_role_arn</c> every predefined queue is reached with the assumed role's token, renewed when it expires.
    /// </remarks>
    public AmazonSQSClient ClientFor(string sqsName)
    {
        if (Options.PredefinedQueues?.GetValueOrDefault(sqsName) is not { } queue || !(queue.HasOwnClient || Options.StsRoleArn is not null))
            return Sqs;
        lock (_lock)
        {
            if (!_queueClients.TryGetValue(sqsName, out var client))
                _queueClients[sqsName] = client = CreateClient(QueueCredentials(queue), queue.Region);
            return client;
        }
    }

    /// <inheritdoc/>
    public override async ValueTask CloseConnectionAsync(ITransportConnection connection, CancellationToken cancellationToken = default)
    {
        await base.CloseConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
        AmazonSQSClient? sqs;
        AmazonSQSClient[] perQueue;
        AmazonSecurityTokenServiceClient? sts;
        lock (_lock)
        {
            (sqs, _sqs) = (_sqs, null);
            perQueue = [.. _queueClients.Values];
            _queueClients.Clear();
            (sts, _sts, _assumedRole) = (_sts, null, null);
        }
        sqs?.Dispose();
        sts?.Dispose();
        foreach (var client in perQueue)
            client.Dispose();
    }

    /// <inheritdoc/>
    protected override VirtualChannel CreateVirtualChannel() => new SqsChannel(this);

    private string Region => Options.ClientConfig.RegionName ?? Options.Region;

    private AmazonSQSClient CreateClient(AWSCredentials? credentials, string? region)
    {
        var config = new AmazonSQSConfig();
        if (EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region ?? Region);
        }
        Options.ClientConfig.ApplyTo(config);
        credentials ??= ConnectionCredentials();
        return credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(credentials, config);
    }

    // The connection's key and secret (URL, keywords), or null for the AWS SDK's credential chain.
    private BasicAWSCredentials? ConnectionCredentials()
    {
        var key = Client.UserId ?? Options.AccessKeyId;
        var secret = Client.Password ?? Options.SecretAccessKey;
        return key is not null && secret is not null ? new BasicAWSCredentials(key, secret) : null;
    }

    // Must hold _lock.
    private AWSCredentials? QueueCredentials(SqsPredefinedQueue queue)
    {
        if (Options.StsRoleArn is { } role)
            return _assumedRole ??= new SqsAssumedRoleCredentials(_sts ??= CreateSts(), role, Options.StsTokenTimeout, Options.StsTokenBufferTime);
        var key = queue.AccessKeyId ?? Client.UserId ?? Options.AccessKeyId;
        var secret = queue.SecretAccessKey ?? Client.Password ?? Options.SecretAccessKey;
        if (key is null || secret is null)
            return null;
        return queue.SessionToken is { } token ? new SessionAWSCredentials(key, secret, token) : new BasicAWSCredentials(key, secret);
    }

    // Kombu asks STS with boto3's default credentials; here the connection's, when it has them, else the SDK's chain.
    private AmazonSecurityTokenServiceClient CreateSts()
    {
        var config = new AmazonSecurityTokenServiceConfig();
        if (Options.StsEndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }
        Options.ClientConfig.ApplyTo(config);
        var credentials = ConnectionCredentials();
        return credentials is null ? new AmazonSecurityTokenServiceClient(config) : new AmazonSecurityTokenServiceClient(credentials, config);
    }
}

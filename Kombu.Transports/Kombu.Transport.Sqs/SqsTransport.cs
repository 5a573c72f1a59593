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
//                      wait_time_seconds (10, long polling), sqs_base64_encoding (true), predefined_queues,
//                      sqs-creation-attributes, is_secure, polling_interval, body_encoding.
// Wire:                queue = entity_name(prefix + name) (§6.1); SQS body = base64 of the envelope JSON (§6.3);
//                      properties.message_attributes → SQS MessageAttributes; .fifo queues get MessageGroupId
//                      (property or "default") and MessageDeduplicationId (property or a UUID4).
// Acknowledgement:     delivery tag = ReceiptHandle; ack = DeleteMessage; reject(requeue=false) sends nothing (the
//                      message returns after the visibility timeout, as in Kombu 5); requeue and restore-on-close =
//                      ChangeMessageVisibility(VisibilityTimeout = wait_time_seconds), as Kombu's _put does.
//                      no_ack consumers and gets delete each message on receipt.
// Receiving:           ReceiveMessage(MaxNumberOfMessages=1, WaitTimeSeconds=wait_time_seconds) per poll, as Kombu's
//                      synchronous _get; the bulk path (up to 10 by prefetch) of Kombu's async hub is not ported.
// Not supported yet:   backoff_policy/backoff_tasks, sts_role_arn, client-config, fetch_message_attributes,
//                      queue_tags, per-queue credentials in predefined_queues (only "url" is read), the
//                      sqs_message/sqs_queue delivery_info entries, AccessDenied-vs-other ack error handling.
using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Sqs;

/// <summary>The Amazon SQS transport: Kombu's virtual AMQP emulation over SQS queues, on the wire Kombu 5 uses.</summary>
/// <remarks>Kombu's <c>kombu.transport.SQS.Transport</c> (aliases <c>sqs</c>, <c>SQS</c>).</remarks>
public sealed class SqsTransport : VirtualTransport
{
    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "headers" });

    private static readonly BrokerState s_state = new();
    private readonly Lock _lock = new();
    private AmazonSQSClient? _sqs;

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
                return _sqs ??= CreateClient();
        }
    }

    /// <inheritdoc/>
    public override async ValueTask CloseConnectionAsync(object connection, CancellationToken cancellationToken = default)
    {
        await base.CloseConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
        AmazonSQSClient? sqs;
        lock (_lock)
            (sqs, _sqs) = (_sqs, null);
        sqs?.Dispose();
    }

    /// <inheritdoc/>
    protected override VirtualChannel CreateVirtualChannel() => new SqsChannel(this);

    private AmazonSQSClient CreateClient()
    {
        var config = new AmazonSQSConfig();
        if (EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = Options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Options.Region);
        }
        var key = Client.UserId ?? Options.AccessKeyId;
        var secret = Client.Password ?? Options.SecretAccessKey;
        return key is not null && secret is not null
            ? new AmazonSQSClient(new BasicAWSCredentials(key, secret), config)
            : new AmazonSQSClient(config);
    }
}

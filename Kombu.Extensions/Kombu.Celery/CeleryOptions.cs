using Microsoft.Extensions.Logging;

namespace Kombu.Celery;

/// <summary>Application settings with Celery's defaults: default queue, serializers, publish retry, result expiry.</summary>
/// <remarks>The part of Celery's <c>app.conf</c> that the wire depends on; each property names its Celery setting.</remarks>
public sealed class CeleryOptions
{
    private readonly int _taskProtocol = 2;

    /// <summary><c>task_default_queue</c>: the queue of tasks sent without one (default <c>celery</c>).</summary>
    public string DefaultQueue { get; init; } = "celery";

    /// <summary><c>task_default_exchange</c>: the default queue's exchange (default: the queue name).</summary>
    public string? DefaultExchange { get; init; }

    /// <summary><c>task_default_exchange_type</c> (default <c>direct</c>).</summary>
    public string DefaultExchangeType { get; init; } = "direct";

    /// <summary><c>task_default_routing_key</c> (default: the queue name).</summary>
    public string? DefaultRoutingKey { get; init; }

    /// <summary><c>task_serializer</c> (default <c>json</c>).</summary>
    public string TaskSerializer { get; init; } = "json";

    /// <summary><c>task_compression</c> (default none).</summary>
    public string? TaskCompression { get; init; }

    /// <summary><c>task_protocol</c>: 2 (default) or 1.</summary>
    public int TaskProtocol
    {
        get => _taskProtocol;
        init => _taskProtocol = value is 1 or 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), CeleryMessages.BadProtocol(value));
    }

    /// <summary><c>task_publish_retry</c>: retry publishing through connection errors (default true).</summary>
    public bool TaskPublishRetry { get; init; } = true;

    /// <summary><c>task_publish_retry_policy</c>: 3 retries, starting at 0 s, +0.2 s each, at most 1 s.</summary>
    public RetryPolicy TaskPublishRetryPolicy { get; init; } = new()
    {
        MaxRetries = 3,
        IntervalStart = TimeSpan.Zero,
        IntervalStep = TimeSpan.FromSeconds(0.2),
        IntervalMax = TimeSpan.FromSeconds(1),
    };

    /// <summary><c>result_serializer</c> (default <c>json</c>).</summary>
    public string ResultSerializer { get; init; } = "json";

    /// <summary><c>accept_content</c>: content types tasks and results may use (default json only).</summary>
    public IReadOnlyList<string> AcceptContent { get; init; } = ["json"];

    /// <summary><c>result_expires</c>: how long results are kept (default one day); <see langword="null"/> keeps them.</summary>
    public TimeSpan? ResultExpires { get; init; } = TimeSpan.FromDays(1);

    /// <summary><c>result_persistent</c>: rpc:// replies sent persistent (default false: transient).</summary>
    public bool ResultPersistent { get; init; }

    /// <summary><c>result_backend_transport_options</c>, such as <c>global_keyprefix</c> for redis://.</summary>
    public IReadOnlyDictionary<string, object?> ResultBackendTransportOptions { get; init; } = new Dictionary<string, object?>();

    /// <summary><c>control_exchange</c>: the remote-control mailbox name (default <c>celery</c>).</summary>
    public string ControlExchange { get; init; } = "celery";

    /// <summary><c>event_exchange</c> (default <c>celeryev</c>).</summary>
    public string EventExchange { get; init; } = "celeryev";

    /// <summary><c>event_serializer</c> (default <c>json</c>).</summary>
    public string EventSerializer { get; init; } = "json";

    /// <summary>Where the app and its workers log; defaults to the connection's logger factory.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}

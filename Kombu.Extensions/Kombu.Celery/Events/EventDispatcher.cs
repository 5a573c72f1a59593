using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Kombu.Celery.Events;

/// <summary>Sends Celery events (<c>task-*</c>, <c>worker-*</c>) to the <c>celeryev</c> exchange, as <c>celery events</c> and Flower read them.</summary>
/// <remarks>
/// Celery's <c>celery.events.EventDispatcher</c>. The exchange is a durable topic exchange (fanout on Redis, as Celery
/// declares it there); the routing key is the type with <c>-</c> turned to <c>.</c>; each event is sent on its own
/// (Celery batches task events as <c>task.multi</c>; receivers take both), transient, with a <c>hostname</c> header.
/// </remarks>
public sealed class EventDispatcher
{
    private readonly CeleryApp _app;
    private readonly ILogger _logger;

    /// <summary>Creates a dispatcher.</summary>
    /// <param name="app">The app whose connection, clock and serializer it uses.</param>
    /// <param name="hostname">The sender's node name.</param>
    /// <param name="enabled">Whether events are sent at all.</param>
    public EventDispatcher(CeleryApp app, string hostname, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrEmpty(hostname);
        _app = app;
        Hostname = hostname;
        Enabled = enabled;
        _logger = app.LoggerFactory.CreateLogger<EventDispatcher>();
        var transport = app.Connection.TransportName;
        Exchange = new Exchange(app.Conf.EventExchange, transport is "redis" or "rediss" ? "fanout" : "topic");
    }

    /// <summary>The sender's node name.</summary>
    public string Hostname { get; }

    /// <summary>Whether events are sent.</summary>
    public bool Enabled { get; }

    /// <summary>The event exchange.</summary>
    public Exchange Exchange { get; }

    /// <summary>Sends one event; a failure is logged, not thrown (events are best effort, as in Celery).</summary>
    /// <param name="type">The event type, such as <c>task-succeeded</c>.</param>
    /// <param name="fields">The type's fields (<c>uuid</c>, <c>result</c>…).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the event is sent.</returns>
    public async ValueTask SendAsync(string type, IDictionary<string, object?>? fields = null, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
            return;
        var body = CreateEvent(type, Hostname, _app.Clock.Forward(), fields);
        try
        {
            await _app.Publisher.RunAsync(producer => producer.PublishAsync(body, routingKey: type.Replace('-', '.'),
                exchange: Exchange.Name, serializer: _app.Conf.EventSerializer, deliveryMode: 1,
                headers: new Dictionary<string, object?>(StringComparer.Ordinal) { ["hostname"] = Hostname },
                declare: [Exchange], retry: true, retryPolicy: new RetryPolicy { MaxRetries = 1 },
                cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogPublishFailed(ex, type + " event", ex.Message);
        }
    }

    /// <summary>Builds an event: the common fields, then the type's, then <c>timestamp</c> and <c>type</c>.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="hostname">The sender's node name.</param>
    /// <param name="clock">The Lamport clock value.</param>
    /// <param name="fields">The type's fields.</param>
    /// <returns>The event map.</returns>
    /// <remarks>Celery's <c>celery.events.Event</c>; <c>utcoffset</c> is in hours, positive west of UTC, as Python's <c>time.timezone</c>.</remarks>
    public static Dictionary<string, object?> CreateEvent(string type, string hostname, long clock, IDictionary<string, object?>? fields)
    {
        var now = DateTimeOffset.UtcNow;
        var offsetHours = -TimeZoneInfo.Local.GetUtcOffset(now).TotalSeconds / 3600;
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["hostname"] = hostname,
            ["utcoffset"] = (long)Math.Floor(offsetHours),
            ["pid"] = (long)Environment.ProcessId,
            ["clock"] = clock,
        };
        foreach (var (key, value) in fields ?? new Dictionary<string, object?>())
            body[key] = value;
        body["timestamp"] = now.ToUnixTimeMilliseconds() / 1000.0;
        body["type"] = type;
        return body;
    }

    /// <summary>The fields of <c>worker-online</c>, <c>worker-heartbeat</c> and <c>worker-offline</c>.</summary>
    /// <param name="freq">The heartbeat interval.</param>
    /// <param name="active">Tasks running now.</param>
    /// <param name="processed">Tasks run so far.</param>
    /// <returns>The fields.</returns>
    public static Dictionary<string, object?> WorkerFields(TimeSpan freq, int active, long processed) => new(StringComparer.Ordinal)
    {
        ["freq"] = freq.TotalSeconds,
        ["active"] = (long)active,
        ["processed"] = processed,
        ["loadavg"] = LoadAverage(),
        ["sw_ident"] = "kombu.net-celery",
        ["sw_ver"] = typeof(CeleryApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        ["sw_sys"] = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "Linux"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "Darwin" : "Windows",
    };

    private static List<object?> LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return [.. parts.Take(3).Select(p => (object?)double.Parse(p, System.Globalization.CultureInfo.InvariantCulture))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return [0.0, 0.0, 0.0];
        }
    }
}

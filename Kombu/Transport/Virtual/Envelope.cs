namespace Kombu.Transport.Virtual;

/// <summary>A message as a virtual transport stores it: body, content headers, properties and delivery details.</summary>
/// <remarks>
/// The typed form of the envelope document Kombu's virtual channels build (<c>prepare_message</c> plus the
/// fields <c>basic_publish</c> fills in). <see cref="Properties"/> holds only the caller's properties; the
/// reserved keys (<c>delivery_mode</c>, <c>priority</c>, <c>delivery_info</c>, <c>body_encoding</c>,
/// <c>delivery_tag</c>) are the typed members. Members are set when the envelope is built (<c>init</c>); treat its
/// dictionaries as immutable once it was put on a queue.
/// </remarks>
public sealed class Envelope
{
    // Created on first read: most messages carry no headers and no caller properties.
    private Dictionary<string, object?>? _headers;
    private Dictionary<string, object?>? _properties;
    private bool _redelivered;
    private string _deliveryTag = "";
    private Dictionary<string, object?>? _deliveryInfoExtras;

    /// <summary>The property keys that are typed members rather than entries of <see cref="Properties"/>.</summary>
    public static IReadOnlySet<string> ReservedPropertyKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "delivery_mode", "priority", "delivery_info", "body_encoding", "delivery_tag",
    };

    /// <summary>The body bytes (serialized and possibly compressed), already decoded from <see cref="BodyEncoding"/>.</summary>
    public byte[] Body { get; init; } = [];

    /// <summary>How the body is encoded in the stored document (<c>base64</c> by default), or <see langword="null"/>.</summary>
    public string? BodyEncoding { get; init; } = "base64";

    /// <summary>MIME type of the body (<c>content-type</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>Character set of the body (<c>content-encoding</c>).</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Application headers.</summary>
    public Dictionary<string, object?> Headers
    {
        get => _headers ??= [];
        init => _headers = value;
    }

    /// <summary>The application headers, or <see langword="null"/> when there are none (reading it allocates nothing).</summary>
    public IReadOnlyDictionary<string, object?>? HeadersOrNull => _headers is { Count: > 0 } headers ? headers : null;

    /// <summary>The caller's properties (<c>correlation_id</c>, <c>reply_to</c>, <c>expiration</c>…).</summary>
    public Dictionary<string, object?> Properties
    {
        get => _properties ??= [];
        init => _properties = value;
    }

    /// <summary>Delivery mode: 1 transient, 2 persistent (<c>properties.delivery_mode</c>).</summary>
    public int DeliveryMode { get; init; } = Kombu.DeliveryMode.Persistent;

    /// <summary>Publish priority (<c>properties.priority</c>).</summary>
    public int Priority { get; init; }

    /// <summary>The UUID4 string identifying this delivery (<c>properties.delivery_tag</c>).</summary>
    public string DeliveryTag
    {
        get => _deliveryTag;
        init => _deliveryTag = value;
    }

    /// <summary>The exchange the message was published to (<c>properties.delivery_info.exchange</c>).</summary>
    public string Exchange { get; init; } = "";

    /// <summary>The publish routing key (<c>properties.delivery_info.routing_key</c>).</summary>
    public string RoutingKey { get; init; } = "";

    /// <summary>Further <c>delivery_info</c> entries kept with the message (such as Redis's <c>redelivered</c>), or <see langword="null"/>.</summary>
    public Dictionary<string, object?>? DeliveryInfoExtras
    {
        get => _deliveryInfoExtras;
        init => _deliveryInfoExtras = value;
    }

    /// <summary>Whether the message was restored after an earlier delivery (the top-level <c>redelivered</c> key).</summary>
    public bool Redelivered
    {
        get => _redelivered;
        init => _redelivered = value;
    }

    /// <summary>Copies the envelope for a restore: same body, properties and delivery tag, marked redelivered.</summary>
    /// <returns>The copy, with <see cref="Redelivered"/> set.</returns>
    public Envelope CloneForRestore()
    {
        var copy = Clone();
        copy._redelivered = true;
        return copy;
    }

    /// <summary>Copies the envelope; the dictionaries are copied, the body array is shared.</summary>
    /// <returns>The copy.</returns>
    public Envelope Clone() => new()
    {
        Body = Body,
        BodyEncoding = BodyEncoding,
        ContentType = ContentType,
        ContentEncoding = ContentEncoding,
        _headers = _headers is null ? null : new Dictionary<string, object?>(_headers),
        _properties = _properties is null ? null : new Dictionary<string, object?>(_properties),
        DeliveryMode = DeliveryMode,
        Priority = Priority,
        DeliveryTag = DeliveryTag,
        Exchange = Exchange,
        RoutingKey = RoutingKey,
        DeliveryInfoExtras = DeliveryInfoExtras is null ? null : new Dictionary<string, object?>(DeliveryInfoExtras),
        Redelivered = Redelivered,
    };

    /// <summary>Gives a stored message the delivery tag its store tracks it by (an SQS receipt handle, a beanstalk job).</summary>
    /// <param name="deliveryTag">The new delivery tag.</param>
    internal void Retag(string deliveryTag) => _deliveryTag = deliveryTag;

    /// <summary>The <see cref="DeliveryInfoExtras"/> map, created when there is none, for a store to add its entries.</summary>
    /// <returns>The map.</returns>
    internal Dictionary<string, object?> EnsureDeliveryInfoExtras() => _deliveryInfoExtras ??= [];

    /// <summary>Builds the <c>delivery_info</c> map: exchange, routing key and the extras.</summary>
    /// <returns>A new dictionary.</returns>
    public Dictionary<string, object?> BuildDeliveryInfo()
    {
        var info = new Dictionary<string, object?>(4 + (DeliveryInfoExtras?.Count ?? 0))
        {
            ["exchange"] = Exchange,
            ["routing_key"] = RoutingKey,
        };
        if (DeliveryInfoExtras is not null)
        {
            foreach (var pair in DeliveryInfoExtras)
                info[pair.Key] = pair.Value;
        }
        return info;
    }

    /// <summary>Builds the full <c>properties</c> map as Kombu stores it: caller properties, then the reserved keys.</summary>
    /// <param name="deliveryInfo">The <c>delivery_info</c> map to include.</param>
    /// <returns>A new dictionary.</returns>
    public Dictionary<string, object?> BuildProperties(IDictionary<string, object?> deliveryInfo)
    {
        var properties = new Dictionary<string, object?>((_properties?.Count ?? 0) + 5);
        if (_properties is not null)
        {
            foreach (var pair in _properties)
                properties[pair.Key] = pair.Value;
        }
        properties["delivery_mode"] = DeliveryMode;
        properties["delivery_info"] = deliveryInfo;
        properties["priority"] = Priority;
        properties["body_encoding"] = BodyEncoding;
        properties["delivery_tag"] = DeliveryTag;
        return properties;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kombu.Diagnostics;
using Kombu.Exceptions;
using Kombu.Serialization;
using Kombu.Transport;
using Kombu.Utils;
using Microsoft.Extensions.Logging;

namespace Kombu;

/// <summary>A message received from a broker: its body, content headers, properties and delivery state.</summary>
/// <remarks>
/// Kombu's <c>kombu.message.Message</c>. A body carrying a <c>compression</c> header is decompressed when the
/// message is built; a failure is kept in <see cref="Errors"/> and raised when the body is decoded, so the
/// consumer's decode-error handler sees it and the message itself is not lost.
/// </remarks>
public sealed class Message
{
    // The decoded body once _isDecoded, or, when _failed, the error that keeps the body from being decoded.
    private object? _decoded;
    private bool _isDecoded;
    private bool _failed;

    // Maps not given to the constructor are created empty on first read: most messages never need them.
    private IDictionary<string, object?>? _deliveryInfo;
    private IDictionary<string, object?>? _properties;
    private IDictionary<string, object?>? _headers;

    /// <summary>Creates a received message.</summary>
    /// <param name="channel">The channel that received it, used to acknowledge it.</param>
    /// <param name="body">The body as it arrived (compressed if the <c>compression</c> header says so).</param>
    /// <param name="deliveryTag">The transport's identifier for acknowledging the message.</param>
    /// <param name="contentType">MIME type of the body.</param>
    /// <param name="contentEncoding">Character set of the body, or <c>binary</c>.</param>
    /// <param name="deliveryInfo">Delivery details: at least <c>exchange</c> and <c>routing_key</c>.</param>
    /// <param name="properties">Message properties.</param>
    /// <param name="headers">Application headers.</param>
    public Message(IChannel? channel, byte[] body, DeliveryTag deliveryTag = default, string? contentType = null,
        string? contentEncoding = null, IDictionary<string, object?>? deliveryInfo = null,
        IDictionary<string, object?>? properties = null, IDictionary<string, object?>? headers = null)
    {
        Channel = channel;
        DeliveryTag = deliveryTag;
        ContentType = contentType;
        ContentEncoding = contentEncoding;
        _deliveryInfo = deliveryInfo;
        _properties = properties;
        _headers = headers;
        Body = MessageCodec.Decompress(body, headers, out var error);
        if (error is not null)
            Fail(error);
    }

    /// <summary>Builds the message a transport received; an entry it could not read raises its error on <see cref="Decode"/>.</summary>
    /// <param name="incoming">What the transport received.</param>
    internal Message(in IncomingMessage incoming)
        : this(incoming.Channel, incoming.Body, incoming.DeliveryTag, incoming.ContentType, incoming.ContentEncoding,
            incoming.DeliveryInfo, incoming.Properties, incoming.Headers)
    {
        if (incoming.Error is { } error)
            Fail(error);
    }

    /// <summary>The channel the message was received on, or <see langword="null"/>.</summary>
    public IChannel? Channel { get; }

    /// <summary>The transport's identifier used to acknowledge the message.</summary>
    public DeliveryTag DeliveryTag { get; }

    /// <summary>MIME type of the body (<see langword="null"/> means <c>application/data</c>).</summary>
    public string? ContentType { get; }

    /// <summary>Character set of the body (<see langword="null"/> means <c>utf-8</c>), or <c>binary</c>.</summary>
    public string? ContentEncoding { get; }

    /// <summary>Delivery details such as <c>exchange</c>, <c>routing_key</c> and <c>consumer_tag</c>.</summary>
    public IDictionary<string, object?> DeliveryInfo => _deliveryInfo ?? CreateEmpty(ref _deliveryInfo);

    /// <summary>Message properties (<c>delivery_mode</c>, <c>priority</c>, <c>correlation_id</c>…).</summary>
    public IDictionary<string, object?> Properties => _properties ?? CreateEmpty(ref _properties);

    /// <summary>Application headers.</summary>
    public IDictionary<string, object?> Headers => _headers ?? CreateEmpty(ref _headers);

    /// <summary>The body, decompressed, still serialized.</summary>
    public byte[] Body { get; }

    /// <summary>Errors met while building the message (such as a failed decompression).</summary>
    public IReadOnlyList<Exception> Errors => _failed ? [(Exception)_decoded!] : [];

    /// <summary>Content types the consumer accepts, or <see langword="null"/> for the registry's defaults.</summary>
    public IReadOnlySet<string>? Accept { get; set; }

    /// <summary>The settlement state of the message.</summary>
    public MessageState State { get; private set; }

    /// <summary>Whether the message was acknowledged, rejected or requeued.</summary>
    public bool Acknowledged => State != MessageState.Received;

    /// <summary>The decoded body (decoded once, then cached).</summary>
    public object? Payload => Decode();

    /// <summary>The exchange the message was published to, from <see cref="DeliveryInfo"/>.</summary>
    public string? Exchange => _deliveryInfo is { } info && info.TryGetValue("exchange", out var v) ? v as string : null;

    /// <summary>The routing key the message was published with, from <see cref="DeliveryInfo"/>.</summary>
    public string? RoutingKey => _deliveryInfo is { } info && info.TryGetValue("routing_key", out var v) ? v as string : null;

    /// <summary>Deserializes the body according to its content type, honouring <see cref="Accept"/>.</summary>
    /// <returns>The body as plain .NET values (dictionaries, lists, numbers, strings, byte arrays…).</returns>
    /// <exception cref="ContentDisallowedException">The content type is not accepted.</exception>
    /// <exception cref="DecodeException">The body could not be decompressed or deserialized.</exception>
    public object? Decode()
    {
        if (_failed)
            throw (Exception)_decoded!;
        if (!_isDecoded)
        {
            _decoded = MessageCodec.Decode(Body, ContentType, ContentEncoding, Accept);
            _isDecoded = true;
        }
        return _decoded;
    }

    /// <summary>Deserializes the body into <typeparamref name="T"/> with System.Text.Json, honouring <c>[JsonPropertyName]</c>.</summary>
    /// <remarks>
    /// A UTF-8 JSON body is read directly; any other content type (or JSON holding Kombu 5's <c>__type__</c> objects,
    /// such as a Python datetime) is decoded by Kombu first and converted. Asking for <see cref="object"/>, a dictionary
    /// or a list interface returns Kombu's own decoded value, as <see cref="Decode()"/>.
    /// </remarks>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="options">Serializer options; by default the web defaults (case-insensitive, camelCase names).</param>
    /// <returns>The body as <typeparamref name="T"/>.</returns>
    /// <exception cref="ContentDisallowedException">The content type is not accepted.</exception>
    /// <exception cref="DecodeException">The body cannot be read as <typeparamref name="T"/>.</exception>
    public T? Decode<T>(JsonSerializerOptions? options = null) =>
        Decode(TypedJson.TypeInfo<T>(options ?? TypedJson.DecodeOptions));

    /// <summary>Deserializes the body into <typeparamref name="T"/> with source-generated System.Text.Json metadata.</summary>
    /// <remarks>Reads the body as <see cref="Decode{T}(JsonSerializerOptions?)"/> does.</remarks>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="jsonTypeInfo">The type's metadata, such as <c>MyContext.Default.MyType</c>.</param>
    /// <returns>The body as <typeparamref name="T"/>.</returns>
    /// <exception cref="ContentDisallowedException">The content type is not accepted.</exception>
    /// <exception cref="DecodeException">The body cannot be read as <typeparamref name="T"/>.</exception>
    public T? Decode<T>(JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        if (TypedJson.WantsPlainValue<T>() && Decode() is var plain && (plain is T || plain is null))
            return (T?)plain;
        if (_failed)
            throw (Exception)_decoded!;
        try
        {
            if (TypedJson.IsUtf8Json(ContentType, ContentEncoding))
            {
                Serializers.Registry.EnsureAccepted(ContentType!, Accept);
                try
                {
                    return JsonSerializer.Deserialize(Body, jsonTypeInfo);
                }
                catch (JsonException)
                {
                    // Kombu 5.3's {"__type__": …} objects: read through Kombu's decoder below.
                }
            }
            return Decode() switch
            {
                null => default,
                T typed => typed,
                var value => JsonSerializer.Deserialize(TypedJson.FromPlainValue(value), jsonTypeInfo),
            };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new DecodeException(ErrorMessages.ConvertFailed(typeof(T), ex), ex);
        }
    }

    /// <summary>Acknowledges the message, removing it from its queue.</summary>
    /// <param name="multiple">Also acknowledge every earlier unacknowledged delivery (AMQP only).</param>
    /// <exception cref="MessageStateException">The message has no channel or was already settled.</exception>
    public void Ack(bool multiple = false) => SyncOverAsync.Wait(AckAsync(multiple));

    /// <inheritdoc cref="Ack"/>
    public async ValueTask AckAsync(bool multiple = false, CancellationToken cancellationToken = default)
    {
        if (!PrepareSettle())
            return;
        await Channel!.BasicAckAsync(DeliveryTag, multiple, cancellationToken).ConfigureAwait(false);
        State = MessageState.Ack;
        KombuMetrics.RecordSettled(this);
    }

    /// <summary>Rejects the message; it is discarded unless <paramref name="requeue"/> is set.</summary>
    /// <param name="requeue">Put the message back on its queue.</param>
    /// <exception cref="MessageStateException">The message has no channel or was already settled.</exception>
    public void Reject(bool requeue = false) => SyncOverAsync.Wait(RejectAsync(requeue));

    /// <inheritdoc cref="Reject"/>
    public async ValueTask RejectAsync(bool requeue = false, CancellationToken cancellationToken = default)
    {
        if (!PrepareSettle())
            return;
        await Channel!.BasicRejectAsync(DeliveryTag, requeue, cancellationToken).ConfigureAwait(false);
        State = requeue ? MessageState.Requeued : MessageState.Rejected;
        KombuMetrics.RecordSettled(this);
    }

    /// <summary>Rejects the message and puts it back on its queue.</summary>
    /// <exception cref="MessageStateException">The message has no channel or was already settled.</exception>
    public void Requeue() => SyncOverAsync.Wait(RequeueAsync());

    /// <inheritdoc cref="Requeue"/>
    public ValueTask RequeueAsync(CancellationToken cancellationToken = default) =>
        RejectAsync(requeue: true, cancellationToken);

    /// <summary>Acknowledges the message, logging instead of throwing when one of <paramref name="errors"/> occurs.</summary>
    /// <param name="logger">Where to log a failure.</param>
    /// <param name="errors">Exception types to log rather than throw (usually the connection and channel errors).</param>
    /// <param name="multiple">Also acknowledge earlier deliveries.</param>
    public void AckLogError(ILogger logger, IReadOnlyList<Type> errors, bool multiple = false) =>
        SettleLogError(() => Ack(multiple), logger, errors, "ack");

    /// <summary>Rejects the message, logging instead of throwing when one of <paramref name="errors"/> occurs.</summary>
    /// <param name="logger">Where to log a failure.</param>
    /// <param name="errors">Exception types to log rather than throw.</param>
    /// <param name="requeue">Put the message back on its queue.</param>
    public void RejectLogError(ILogger logger, IReadOnlyList<Type> errors, bool requeue = false) =>
        SettleLogError(() => Reject(requeue), logger, errors, "reject");

    /// <inheritdoc/>
    public override string ToString() =>
        $"<Message object at 0x{GetHashCode():x} with details {{'state': '{State.ToString().ToUpperInvariant()}', " +
        $"'content_type': '{ContentType}', 'delivery_tag': '{DeliveryTag}', 'body_length': {Body.Length}}}>";

    private bool PrepareSettle()
    {
        if (Channel is null)
            throw new MessageStateException(ErrorMessages.NoReceivingChannel);
        // Settling a delivery of a no-ack consumer does nothing, as in Kombu's Message.ack. The set is usually empty,
        // so the delivery info (built lazily by virtual transports) is read only when it can matter.
        if (Channel.NoAckConsumers.Count > 0 && _deliveryInfo is { } info && info.TryGetValue("consumer_tag", out var tag) &&
            tag is string consumerTag && consumerTag.Length > 0 && Channel.NoAckConsumers.Contains(consumerTag))
        {
            return false;
        }

        if (Acknowledged)
            throw new MessageStateException(ErrorMessages.AlreadyAcknowledged(State));
        return true;
    }

    private void Fail(Exception error)
    {
        _decoded = error;
        _failed = true;
    }

    private static IDictionary<string, object?> CreateEmpty(ref IDictionary<string, object?>? field)
    {
        Interlocked.CompareExchange(ref field, new Dictionary<string, object?>(), null);
        return field;
    }

    private static void SettleLogError(Action settle, ILogger logger, IReadOnlyList<Type> errors, string what)
    {
        try
        {
            settle();
        }
        catch (Exception ex) when (errors.Any(t => t.IsInstanceOfType(ex)))
        {
            logger.LogCritical(ex, "Couldn't {Action} message, reason: {Reason}", what, ex.Message);
        }
    }
}

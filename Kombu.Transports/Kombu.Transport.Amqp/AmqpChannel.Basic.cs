using System.Runtime.ExceptionServices;
using Kombu.Exceptions;
using RabbitMQ.Client.Exceptions;

namespace Kombu.Transport.Amqp;

public sealed partial class AmqpChannel
{

    /// <inheritdoc/>
    public ValueTask BasicPublishAsync(OutgoingMessage message, string exchange, string routingKey, bool mandatory = false,
        bool immediate = false, CancellationToken cancellationToken = default)
    {
        // The hot path: no closures or extra state machines; a publish the driver completes at once allocates no task.
        ValueTask publish;
        try
        {
            var props = AmqpProperties.ToBasic(message);
            publish = Open().BasicPublishAsync(exchange, routingKey, mandatory, props, message.Body, cancellationToken);
            if (publish.IsCompletedSuccessfully)
            {
                publish.GetAwaiter().GetResult();
                return default;
            }
        }
        catch (PublishReturnException)
        {
            return default;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(PublishError(ex, exchange, routingKey));
        }
        return AwaitPublishAsync(publish, exchange, routingKey);
    }

    private async ValueTask AwaitPublishAsync(ValueTask publish, string exchange, string routingKey)
    {
        try
        {
            await publish.ConfigureAwait(false);
        }
        catch (PublishReturnException)
        {
            // A returned mandatory message is reported through Returned, as Kombu's basic_return event; not an error.
        }
        catch (Exception ex)
        {
            var error = PublishError(ex, exchange, routingKey);
            if (ReferenceEquals(error, ex))
                throw;
            throw error;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Every message is handed to the driver before any is awaited, so with publisher confirms the batch costs
    /// one wait for the broker's confirms instead of one per message. The first failure is raised once every publish of
    /// the batch has completed.</remarks>
    public async ValueTask BasicPublishBatchAsync(IReadOnlyList<OutgoingMessage> messages, string exchange,
        string routingKey, bool mandatory = false, bool immediate = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var publishes = new ValueTask[messages.Count];
        for (var i = 0; i < publishes.Length; i++)
            publishes[i] = BasicPublishAsync(messages[i], exchange, routingKey, mandatory, immediate, cancellationToken);
        Exception? first = null;
        foreach (var publish in publishes)
        {
            try
            {
                await publish.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                first ??= ex;
            }
        }
        if (first is not null)
            ExceptionDispatchInfo.Throw(first);
    }

    // What a failed publish becomes: a nack is py-amqp's MessageNacked, other driver errors are translated, the rest stay.
    private Exception PublishError(Exception ex, string exchange, string routingKey) => ex switch
    {
        PublishException nack => new MessageNackedException(exchange, routingKey, nack),
        _ => DriverError(ex),
    };

    // As CallAsync: a driver error becomes the Kombu connection or channel error; anything else stays as it is.
    private Exception DriverError(Exception ex) =>
        AmqpErrors.IsDriverError(ex) ? AmqpErrors.Translate(ex, _connection.IsOpen) : ex;

    /// <inheritdoc/>
    public ValueTask<IncomingMessage?> BasicGetAsync(string queue, bool noAck = false, CancellationToken cancellationToken = default) =>
        CallAsync<IncomingMessage?>(async (c, t) =>
        {
            var result = await c.BasicGetAsync(queue, noAck, t).ConfigureAwait(false);
            if (result is null)
                return null;
            var info = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["delivery_tag"] = result.DeliveryTag,
                ["redelivered"] = result.Redelivered,
                ["exchange"] = result.Exchange,
                ["routing_key"] = result.RoutingKey,
                ["message_count"] = (long)result.MessageCount,
            };
            if (!noAck)
                TrackUnacked(result.DeliveryTag);
            return AmqpProperties.ToIncoming(this, result.BasicProperties, result.Body, info, result.DeliveryTag);
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask BasicAckAsync(DeliveryTag deliveryTag, bool multiple = false, CancellationToken cancellationToken = default)
    {
        // A hot path like publishing: the driver is called directly and a completed ack allocates no task.
        var tag = Tag(deliveryTag);
        ValueTask ack;
        try
        {
            ack = Open().BasicAckAsync(tag, multiple, cancellationToken);
            if (ack.IsCompletedSuccessfully)
            {
                ack.GetAwaiter().GetResult();
                Settled(tag, multiple);
                return default;
            }
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(DriverError(ex));
        }
        return AwaitAckAsync(ack, tag, multiple);
    }

    private async ValueTask AwaitAckAsync(ValueTask ack, ulong tag, bool multiple)
    {
        try
        {
            await ack.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var error = DriverError(ex);
            if (ReferenceEquals(error, ex))
                throw;
            throw error;
        }
        Settled(tag, multiple);
    }

    /// <inheritdoc/>
    public ValueTask BasicRejectAsync(DeliveryTag deliveryTag, bool requeue = false, CancellationToken cancellationToken = default)
    {
        var tag = Tag(deliveryTag);
        return CallAsync(async (c, t) =>
        {
            await c.BasicRejectAsync(tag, requeue, t).ConfigureAwait(false);
            Settled(tag, multiple: false);
            return true;
        }, cancellationToken).AsVoidAsync();
    }

    /// <inheritdoc/>
    public ValueTask BasicRecoverAsync(bool requeue = false, CancellationToken cancellationToken = default)
    {
        if (!requeue)
            throw new UnsupportedOperationException(AmqpMessages.RecoverWithoutRequeue);
        ulong last;
        lock (_gate)
        {
            if (_unacked.Count == 0)
                return default;
            last = _unacked.Max;
        }
        return CallAsync(async (c, t) =>
        {
            await c.BasicNackAsync(last, multiple: true, requeue: true, t).ConfigureAwait(false);
            Settled(last, multiple: true);
            return true;
        }, cancellationToken).AsVoidAsync();
    }

    /// <inheritdoc/>
    public ValueTask BasicQosAsync(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false,
        CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.BasicQosAsync((uint)Math.Max(prefetchSize, 0), (ushort)Math.Clamp(prefetchCount, 0, ushort.MaxValue),
            applyGlobal, t), cancellationToken);

    /// <inheritdoc/>
    public ValueTask FlowAsync(bool active, CancellationToken cancellationToken = default)
    {
        if (!active)
            throw new UnsupportedOperationException(AmqpMessages.FlowNotSupported);
        Open();
        return default;
    }

    private static ulong Tag(DeliveryTag deliveryTag) =>
        deliveryTag.TryGetNumber(out var number) ? number : throw new ArgumentException(AmqpMessages.NotADeliveryNumber(deliveryTag), nameof(deliveryTag));

    private void TrackUnacked(ulong tag)
    {
        lock (_gate)
            _unacked.Add(tag);
    }

    private bool IsUnacked(ulong tag)
    {
        lock (_gate)
            return _unacked.Contains(tag);
    }

    private void Settled(ulong tag, bool multiple)
    {
        lock (_gate)
        {
            if (multiple)
                _unacked.RemoveWhere(t => t <= tag);
            else
                _unacked.Remove(tag);
        }
    }
}

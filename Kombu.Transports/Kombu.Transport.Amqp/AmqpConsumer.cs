using RabbitMQ.Client;

namespace Kombu.Transport.Amqp;

/// <summary>The RabbitMQ.Client consumer behind a Kombu consumer: it copies each delivery and queues it for <c>DrainEvents</c>.</summary>
internal sealed class AmqpConsumer : AsyncDefaultBasicConsumer
{
    private readonly AmqpChannel _owner;
    private readonly bool _noAck;

    /// <summary>Creates the consumer for a channel.</summary>
    /// <param name="owner">The Kombu channel.</param>
    /// <param name="noAck">Whether deliveries need no acknowledgement.</param>
    public AmqpConsumer(AmqpChannel owner, bool noAck) : base(owner.Inner)
    {
        _owner = owner;
        _noAck = noAck;
    }

    /// <inheritdoc/>
    public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange,
        string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default)
    {
        var info = new AmqpDeliveryInfo(consumerTag, deliveryTag, redelivered, exchange, routingKey);
        // The body memory belongs to the driver only for the duration of this call: ToIncoming copies it.
        _owner.Post(consumerTag, AmqpProperties.ToIncoming(_owner, properties, body, info, deliveryTag), _noAck);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override Task OnCancelAsync(string[] consumerTags, CancellationToken cancellationToken = default)
    {
        foreach (var tag in consumerTags)
            _owner.Forget(tag);
        return Task.CompletedTask;
    }
}

namespace Kombu.Transport.Amqp;

/// <summary>An event waiting in a connection's queue for <c>DrainEvents</c>: a delivery, or a failure to raise.</summary>
/// <param name="Channel">The channel the consumer belongs to.</param>
/// <param name="ConsumerTag">The consumer the delivery is for.</param>
/// <param name="Message">The delivered message, or <see langword="null"/> for a failure.</param>
/// <param name="Error">The failure to raise from <c>DrainEvents</c>, or <see langword="null"/>.</param>
internal sealed record AmqpDelivery(AmqpChannel Channel, string ConsumerTag, IncomingMessage? Message, Exception? Error = null);

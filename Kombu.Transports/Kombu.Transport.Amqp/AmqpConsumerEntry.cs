namespace Kombu.Transport.Amqp;

/// <summary>A consumer registered on an <see cref="AmqpChannel"/>: its callback and whether it acknowledges.</summary>
/// <param name="Callback">Runs for each delivery, on the thread that drains events.</param>
/// <param name="NoAck">Whether deliveries need no acknowledgement.</param>
internal sealed record AmqpConsumerEntry(MessageHandler Callback, bool NoAck);

namespace Kombu.Transport.Virtual;

/// <summary>A consumer registered on a virtual channel.</summary>
/// <param name="Tag">The consumer tag.</param>
/// <param name="Queue">The consumed queue.</param>
/// <param name="NoAck">Whether deliveries need no acknowledgement.</param>
/// <param name="Callback">Receives the deliveries.</param>
internal sealed record ChannelConsumer(string Tag, string Queue, bool NoAck, MessageHandler Callback);

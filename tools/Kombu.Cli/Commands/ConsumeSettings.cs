namespace Kombu.Cli.Commands;

/// <summary>What <c>kombu consume</c> was asked to do.</summary>
/// <param name="Queue">The queue to consume from.</param>
/// <param name="Exchange">An exchange to bind the queue to, or <see langword="null"/>.</param>
/// <param name="RoutingKey">The binding key.</param>
/// <param name="Limit">Stop after this many messages, or <see langword="null"/>.</param>
/// <param name="Timeout">Stop after this long without a message, or <see langword="null"/>.</param>
/// <param name="Accept">Content types to accept, or <see langword="null"/> for the defaults.</param>
/// <param name="NoAck">Consume without acknowledgements.</param>
/// <param name="Requeue">Requeue each message instead of acknowledging it.</param>
/// <param name="Reconnect">Reconnect and go on when the connection is lost (else fail).</param>
internal sealed record ConsumeSettings(Queue Queue, Exchange? Exchange, string RoutingKey, int? Limit, TimeSpan? Timeout,
    string[]? Accept, bool NoAck, bool Requeue, bool Reconnect);

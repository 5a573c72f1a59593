namespace Kombu.Celery.Worker;

/// <summary>One broker connection of a running worker: its task consumer, and whether it is gone.</summary>
/// <param name="Connection">The connection.</param>
/// <param name="TaskConsumer">The consumer of the task queues.</param>
internal sealed record WorkerSession(Connection Connection, Consumer TaskConsumer)
{
    /// <summary>Set when the connection was lost: its unacknowledged messages go back to the broker, so they are not run here.</summary>
    public volatile bool Lost;
}

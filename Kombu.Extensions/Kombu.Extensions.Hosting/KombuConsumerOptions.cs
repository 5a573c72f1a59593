namespace Kombu.Extensions.Hosting;

/// <summary>The settings of one hosted consumer (see <c>AddKombuConsumer</c>).</summary>
public sealed class KombuConsumerOptions
{
    /// <summary>The queues to consume from; a name given to <c>AddKombuConsumer</c> is a direct queue of that name, routed by it.</summary>
    public IList<Queue> Queues { get; } = [];

    /// <summary>The prefetch window in messages; <see langword="null"/> (default) leaves the broker's default.</summary>
    public int? PrefetchCount { get; set; }

    /// <summary>The content types to accept (<c>json</c>, <c>application/x-msgpack</c>…); <see langword="null"/> for the registry's defaults.</summary>
    public IList<string>? Accept { get; set; }

    /// <summary>Requeue a message whose handler threw, instead of rejecting it (default: reject, so it is dead-lettered where the queue says so).</summary>
    public bool RequeueOnError { get; set; }
}

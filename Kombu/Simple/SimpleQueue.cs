using Kombu.Transport;

namespace Kombu.Simple;

/// <summary>A simple queue of persistent messages: durable queue and exchange, acknowledgements on.</summary>
/// <remarks>Kombu's <c>kombu.simple.SimpleQueue</c>; <c>Connection.CreateSimpleQueue</c> is the shortcut.</remarks>
public sealed class SimpleQueue : SimpleBase
{
    private static readonly SimpleDefaults Defaults = new(NoAck: false, Durable: true, AutoDelete: false, DeliveryMode: null);

    /// <summary>Creates a simple queue whose queue, exchange and routing key are all <paramref name="name"/>.</summary>
    /// <param name="channel">The channel to use; the queue does not close it.</param>
    /// <param name="name">Queue, exchange and routing key name.</param>
    /// <param name="noAck">Receive without acknowledgements (default false).</param>
    /// <param name="options">Queue and exchange options.</param>
    /// <param name="serializer">Default serializer for <see cref="SimpleBase.Put"/>.</param>
    /// <param name="compression">Default compression for <see cref="SimpleBase.Put"/>.</param>
    public SimpleQueue(IChannel channel, string name, bool? noAck = null, SimpleQueueOptions? options = null,
        string? serializer = null, string? compression = null)
        : this(channel, Defaults.BuildQueue(name, options), noAck, serializer, compression, options?.Accept, false)
    {
    }

    /// <summary>Creates a simple queue on an existing queue declaration, publishing to its exchange and routing key.</summary>
    /// <param name="channel">The channel to use; the queue does not close it.</param>
    /// <param name="queue">The queue.</param>
    /// <param name="noAck">Receive without acknowledgements (default false).</param>
    /// <param name="serializer">Default serializer for <see cref="SimpleBase.Put"/>.</param>
    /// <param name="compression">Default compression for <see cref="SimpleBase.Put"/>.</param>
    /// <param name="accept">Content types to accept.</param>
    public SimpleQueue(IChannel channel, Queue queue, bool? noAck = null, string? serializer = null,
        string? compression = null, IEnumerable<string>? accept = null)
        : this(channel, queue, noAck, serializer, compression, accept, false)
    {
    }

    internal SimpleQueue(IChannel channel, Queue queue, bool? noAck, string? serializer, string? compression,
        IEnumerable<string>? accept, bool ownsChannel)
        : base(channel, queue, noAck ?? Defaults.NoAck, serializer, compression, accept, ownsChannel)
    {
    }

    internal static Queue BuildQueue(string name, SimpleQueueOptions? options) => Defaults.BuildQueue(name, options);
}

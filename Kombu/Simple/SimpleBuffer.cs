using Kombu.Transport;

namespace Kombu.Simple;

/// <summary>A simple buffer of transient messages: queue and exchange not durable and auto-deleted, no acknowledgements.</summary>
/// <remarks>Kombu's <c>kombu.simple.SimpleBuffer</c>; <c>Connection.CreateSimpleBuffer</c> is the shortcut.</remarks>
public sealed class SimpleBuffer : SimpleBase
{
    private static readonly SimpleDefaults Defaults = new(NoAck: true, Durable: false, AutoDelete: true, DeliveryMode: Kombu.DeliveryMode.Transient);

    /// <summary>Creates a simple buffer whose queue, exchange and routing key are all <paramref name="name"/>.</summary>
    /// <param name="channel">The channel to use; the buffer does not close it.</param>
    /// <param name="name">Queue, exchange and routing key name.</param>
    /// <param name="noAck">Receive without acknowledgements (default true).</param>
    /// <param name="options">Queue and exchange options.</param>
    /// <param name="serializer">Default serializer for <see cref="SimpleBase.Put"/>.</param>
    /// <param name="compression">Default compression for <see cref="SimpleBase.Put"/>.</param>
    public SimpleBuffer(IChannel channel, string name, bool? noAck = null, SimpleQueueOptions? options = null,
        string? serializer = null, string? compression = null)
        : this(channel, Defaults.BuildQueue(name, options), noAck, serializer, compression, options?.Accept, false)
    {
    }

    /// <summary>Creates a simple buffer on an existing queue declaration, publishing to its exchange and routing key.</summary>
    /// <param name="channel">The channel to use; the buffer does not close it.</param>
    /// <param name="queue">The queue.</param>
    /// <param name="noAck">Receive without acknowledgements (default true).</param>
    /// <param name="serializer">Default serializer for <see cref="SimpleBase.Put"/>.</param>
    /// <param name="compression">Default compression for <see cref="SimpleBase.Put"/>.</param>
    /// <param name="accept">Content types to accept.</param>
    public SimpleBuffer(IChannel channel, Queue queue, bool? noAck = null, string? serializer = null,
        string? compression = null, IEnumerable<string>? accept = null)
        : this(channel, queue, noAck, serializer, compression, accept, false)
    {
    }

    internal SimpleBuffer(IChannel channel, Queue queue, bool? noAck, string? serializer, string? compression,
        IEnumerable<string>? accept, bool ownsChannel)
        : base(channel, queue, noAck ?? Defaults.NoAck, serializer, compression, accept, ownsChannel)
    {
    }

    internal static Queue BuildQueue(string name, SimpleQueueOptions? options) => Defaults.BuildQueue(name, options);
}

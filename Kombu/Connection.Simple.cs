using Kombu.Simple;
using Kombu.Transport;

namespace Kombu;

public partial class Connection
{
    /// <summary>Creates a <see cref="Simple.SimpleQueue"/> named <paramref name="name"/> on a new channel that it owns and closes.</summary>
    /// <param name="name">Queue, exchange and routing key name.</param>
    /// <param name="noAck">Receive without acknowledgements (default false).</param>
    /// <param name="options">Queue and exchange options.</param>
    /// <param name="serializer">Default serializer.</param>
    /// <param name="compression">Default compression.</param>
    /// <returns>The simple queue; dispose it after use.</returns>
    /// <remarks>Kombu's <c>Connection.SimpleQueue</c>.</remarks>
    public SimpleQueue CreateSimpleQueue(string name, bool? noAck = null, SimpleQueueOptions? options = null,
        string? serializer = null, string? compression = null) =>
        WithOwnedChannel(channel => new SimpleQueue(channel, Simple.SimpleQueue.BuildQueue(name, options), noAck,
            serializer, compression, options?.Accept, ownsChannel: true));

    /// <summary>Creates a <see cref="Simple.SimpleBuffer"/> named <paramref name="name"/> on a new channel that it owns and closes.</summary>
    /// <param name="name">Queue, exchange and routing key name.</param>
    /// <param name="noAck">Receive without acknowledgements (default true).</param>
    /// <param name="options">Queue and exchange options.</param>
    /// <param name="serializer">Default serializer.</param>
    /// <param name="compression">Default compression.</param>
    /// <returns>The simple buffer; dispose it after use.</returns>
    /// <remarks>Kombu's <c>Connection.SimpleBuffer</c>.</remarks>
    public SimpleBuffer CreateSimpleBuffer(string name, bool? noAck = null, SimpleQueueOptions? options = null,
        string? serializer = null, string? compression = null) =>
        WithOwnedChannel(channel => new SimpleBuffer(channel, Simple.SimpleBuffer.BuildQueue(name, options), noAck,
            serializer, compression, options?.Accept, ownsChannel: true));

    private T WithOwnedChannel<T>(Func<IChannel, T> create)
    {
        var channel = CreateChannel();
        try
        {
            return create(channel);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }
}

using System.Diagnostics.CodeAnalysis;
using Kombu.Simple;
using Kombu.Transport;

namespace Kombu;

public partial class Connection
{
    /// <summary>Creates a <see cref="Simple.SimpleQueue"/> named <paramref name="name"/>, on a new channel that it owns and closes unless one is given.</summary>
    /// <param name="name">Queue, exchange and routing key name.</param>
    /// <param name="noAck">Receive without acknowledgements (default false).</param>
    /// <param name="options">Queue and exchange options.</param>
    /// <param name="serializer">Default serializer.</param>
    /// <param name="compression">Default compression.</param>
    /// <param name="channel">The channel to use (the queue does not close it), or <see langword="null"/> for a new, owned one.</param>
    /// <returns>The simple queue; dispose it after use.</returns>
    /// <remarks>Kombu's <c>Connection.SimpleQueue</c>.</remarks>
    [SuppressMessage("Usage", "VSTHRD200:Use \"Async\" suffix for async methods",
        Justification = "A factory (Kombu's Connection.SimpleQueue); the SimpleQueue it returns can also be enumerated asynchronously, but creating it is not an asynchronous operation.")]
    public SimpleQueue CreateSimpleQueue(string name, bool? noAck = null, SimpleQueueOptions? options = null,
        string? serializer = null, string? compression = null, IChannel? channel = null) =>
        WithChannel(channel, (c, owned) => new SimpleQueue(c, Simple.SimpleQueue.BuildQueue(name, options), noAck,
            serializer, compression, options?.Accept, owned));

    /// <summary>Creates a <see cref="Simple.SimpleQueue"/> on a queue declaration, publishing to its exchange and routing key.</summary>
    /// <param name="queue">The queue (Kombu: "name can be a Queue").</param>
    /// <param name="noAck">Receive without acknowledgements (default false).</param>
    /// <param name="serializer">Default serializer.</param>
    /// <param name="compression">Default compression.</param>
    /// <param name="accept">Content types to accept.</param>
    /// <param name="channel">The channel to use (the queue does not close it), or <see langword="null"/> for a new, owned one.</param>
    /// <returns>The simple queue; dispose it after use.</returns>
    /// <remarks>Kombu's <c>Connection.SimpleQueue</c> given a <c>Queue</c>.</remarks>
    [SuppressMessage("Usage", "VSTHRD200:Use \"Async\" suffix for async methods",
        Justification = "A factory (Kombu's Connection.SimpleQueue); the SimpleQueue it returns can also be enumerated asynchronously, but creating it is not an asynchronous operation.")]
    public SimpleQueue CreateSimpleQueue(Queue queue, bool? noAck = null, string? serializer = null,
        string? compression = null, IEnumerable<string>? accept = null, IChannel? channel = null) =>
        WithChannel(channel, (c, owned) => new SimpleQueue(c, queue, noAck, serializer, compression, accept, owned));

    /// <summary>Creates a <see cref="Simple.SimpleBuffer"/> named <paramref name="name"/>, on a new channel that it owns and closes unless one is given.</summary>
    /// <param name="name">Queue, exchange and routing key name.</param>
    /// <param name="noAck">Receive without acknowledgements (default true).</param>
    /// <param name="options">Queue and exchange options.</param>
    /// <param name="serializer">Default serializer.</param>
    /// <param name="compression">Default compression.</param>
    /// <param name="channel">The channel to use (the buffer does not close it), or <see langword="null"/> for a new, owned one.</param>
    /// <returns>The simple buffer; dispose it after use.</returns>
    /// <remarks>Kombu's <c>Connection.SimpleBuffer</c>.</remarks>
    [SuppressMessage("Usage", "VSTHRD200:Use \"Async\" suffix for async methods",
        Justification = "A factory (Kombu's Connection.SimpleBuffer); the SimpleBuffer it returns can also be enumerated asynchronously, but creating it is not an asynchronous operation.")]
    public SimpleBuffer CreateSimpleBuffer(string name, bool? noAck = null, SimpleQueueOptions? options = null,
        string? serializer = null, string? compression = null, IChannel? channel = null) =>
        WithChannel(channel, (c, owned) => new SimpleBuffer(c, Simple.SimpleBuffer.BuildQueue(name, options), noAck,
            serializer, compression, options?.Accept, owned));

    /// <summary>Creates a <see cref="Simple.SimpleBuffer"/> on a queue declaration, publishing to its exchange and routing key.</summary>
    /// <param name="queue">The queue (Kombu: "name can be a Queue").</param>
    /// <param name="noAck">Receive without acknowledgements (default true).</param>
    /// <param name="serializer">Default serializer.</param>
    /// <param name="compression">Default compression.</param>
    /// <param name="accept">Content types to accept.</param>
    /// <param name="channel">The channel to use (the buffer does not close it), or <see langword="null"/> for a new, owned one.</param>
    /// <returns>The simple buffer; dispose it after use.</returns>
    /// <remarks>Kombu's <c>Connection.SimpleBuffer</c> given a <c>Queue</c>.</remarks>
    [SuppressMessage("Usage", "VSTHRD200:Use \"Async\" suffix for async methods",
        Justification = "A factory (Kombu's Connection.SimpleBuffer); the SimpleBuffer it returns can also be enumerated asynchronously, but creating it is not an asynchronous operation.")]
    public SimpleBuffer CreateSimpleBuffer(Queue queue, bool? noAck = null, string? serializer = null,
        string? compression = null, IEnumerable<string>? accept = null, IChannel? channel = null) =>
        WithChannel(channel, (c, owned) => new SimpleBuffer(c, queue, noAck, serializer, compression, accept, owned));

    private T WithChannel<T>(IChannel? given, Func<IChannel, bool, T> create)
    {
        if (given is not null)
            return create(given, false);
        var channel = CreateChannel();
        try
        {
            return create(channel, true);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }
}

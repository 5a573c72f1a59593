using Kombu.Transport;

namespace Kombu.Tests.Support;

/// <summary>Reads a message straight off a transport channel and builds the front door's <see cref="Message"/>, as <c>Queue.Get</c> does.</summary>
internal static class ChannelMessages
{
    /// <summary>Fetches one message from <paramref name="queue"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="queue">Queue name.</param>
    /// <param name="noAck">Do not expect an acknowledgement.</param>
    /// <returns>The message, or <see langword="null"/> when the queue is empty.</returns>
    public static async ValueTask<Message?> GetMessageAsync(this IChannel channel, string queue, bool noAck = false) =>
        await channel.BasicGetAsync(queue, noAck) is { } incoming ? new Message(incoming) : null;
}

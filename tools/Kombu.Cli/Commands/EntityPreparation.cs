using Kombu.Exceptions;
using Kombu.Transport;

namespace Kombu.Cli.Commands;

/// <summary>
/// Declares the exchange and queue a command needs, leaving ones that already exist as they are: their flags
/// (durable, auto-delete, arguments) may differ from ours, and redeclaring them would fail on a real broker.
/// </summary>
internal static class EntityPreparation
{
    /// <summary>Declares what is missing, then binds the queue to the exchange with <paramref name="bindingKey"/>.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="exchange">The exchange, or <see langword="null"/> (the default exchange needs nothing).</param>
    /// <param name="queue">The queue, or <see langword="null"/>.</param>
    /// <param name="bindingKey">The binding key.</param>
    public static void Prepare(Connection connection, Exchange? exchange, Queue? queue, string bindingKey)
    {
        var channel = connection.DefaultChannel;
        var named = exchange is { Name.Length: > 0 };
        if (named && !Exists(connection, ch => exchange!.Bind(ch).Declare(passive: true)))
            exchange!.Bind(channel).Declare();
        if (queue is null)
            return;
        if (!Exists(connection, ch => queue.Bind(ch).QueueDeclare(passive: true)))
            queue.Bind(channel).QueueDeclare();
        if (named)
            queue.Bind(channel).BindTo(exchange!.Name, bindingKey);
    }

    private static bool Exists(Connection connection, Action<IChannel> passiveDeclare)
    {
        // A failed passive declare closes an AMQP channel, so each check gets its own.
        var channel = connection.CreateChannel();
        try
        {
            passiveDeclare(channel);
            return true;
        }
        catch (KombuChannelException)
        {
            return false;
        }
        finally
        {
            try
            {
                channel.Dispose();
            }
            catch (KombuException)
            {
            }
        }
    }
}

namespace Kombu.Tests.Faults;

/// <summary>The messages the fault suite publishes: JSON numbers 0..N-1, persistent, to a durable direct queue.</summary>
internal static class NumberedMessages
{
    /// <summary>The durable queue (and its direct exchange of the same name) the fault suite uses.</summary>
    public static Queue QueueNamed(string name) => new(name, new Exchange(name, "direct", durable: true), name, durable: true);

    /// <summary>Publishes <c>(long)i</c> for i in 0..count-1 to <paramref name="queueName"/> (declared on the first).</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="queueName">The queue.</param>
    /// <param name="count">How many messages.</param>
    /// <param name="transportOptions">Transport options, such as <c>confirm_publish</c>.</param>
    public static void Publish(string url, string queueName, int count, Dictionary<string, object?>? transportOptions = null)
    {
        using var connection = new Connection(url, transportOptions: transportOptions);
        var queue = QueueNamed(queueName);
        var producer = connection.CreateProducer(exchange: queue.Exchange, routingKey: queueName);
        for (var i = 0; i < count; i++)
            producer.Publish((long)i, serializer: "json", deliveryMode: DeliveryMode.Persistent, declare: i == 0 ? [queue] : null);
    }
}

using Kombu.Compat;
using CompatConsumer = Kombu.Compat.Consumer;

namespace Kombu.Tests.Compat;

public abstract partial class CompatTests
{
    /// <summary>The C# program of the README's migration section, with a limit so it ends.</summary>
    [Test]
    public void MigrationExample_CarrotProgram_RunsAsDocumented()
    {
        var connection = Connect();
        var printed = new List<string>();
        using var consumer = new CompatConsumer(connection, queue: QueueName("feed"), exchange: Name("feed"), routingKey: "importer");
        using (var publisher = new Publisher(connection, exchange: Name("feed"), routingKey: "importer"))
        {
            publisher.Send(new Dictionary<string, object?> { ["import_feed"] = "http://cnn.com/rss/edition.rss" });
            publisher.Send("second");
            publisher.Send("third");
        }

        consumer.RegisterCallback((body, message) =>
        {
            var data = (IDictionary<string, object?>)body!;
            printed.Add($"Got feed import message: {data["import_feed"]}");
            message.Ack();
        });
        consumer.Wait(limit: 1, timeout: DeliveryTimeout);
        consumer.Cancel();
        consumer.Recover(requeue: true); // a broker may have pushed the next message before the cancel
        var fetched = FetchWithin(consumer, DeliveryTimeout);
        fetched?.Ack();
        var discarded = consumer.DiscardAll();

        Assert.That((printed.Single(), fetched?.Payload, discarded),
            Is.EqualTo(("Got feed import message: http://cnn.com/rss/edition.rss", (object)"second", 1L)));
    }
}

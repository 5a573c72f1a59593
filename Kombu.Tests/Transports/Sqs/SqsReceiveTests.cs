using Kombu.Transport.Sqs;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>How the SQS channel receives and settles: bulk receive within the prefetch window, no_ack, reject, close.</summary>
[TestFixture]
public sealed class SqsReceiveTests : SqsTestBase
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    protected override string NamePrefix => "kr-";

    [Test]
    public void Consume_ReceivesSeveralPerCall_AndBuffersTheRest()
    {
        using var conn = Connect();
        var queue = Declare(conn);
        Publish(conn, 5);
        var channel = (SqsChannel)conn.DefaultChannel;
        var bufferedAtFirst = -1;
        var received = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(body, message) =>
        {
            if (received.Count == 0)
                bufferedAtFirst = channel.BufferedCount;
            received.Add(body);
            message.Ack();
        }]);
        consumer.Consume();

        DrainUntil(conn, () => received.Count == 5);

        Assert.That(bufferedAtFirst, Is.EqualTo(4), "one ReceiveMessage call should have returned all five messages");
        Assert.That(received, Is.EqualTo(new object[] { "m0", "m1", "m2", "m3", "m4" }));
        Assert.That(channel.ReceiptCount, Is.Zero);
        Assert.That(SqsBroker.Counts(Sqs, QueueName), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public void Consume_WithPrefetch_ReceivesNoMoreThanTheWindow()
    {
        using var conn = Connect();
        var queue = Declare(conn);
        Publish(conn, 5);
        var channel = (SqsChannel)conn.DefaultChannel;
        var bufferedAtFirst = -1;
        var received = 0;
        using var consumer = conn.CreateConsumer([queue], prefetchCount: 2, callbacks: [(_, message) =>
        {
            if (received++ == 0)
                bufferedAtFirst = channel.BufferedCount;
            message.Ack();
        }]);
        consumer.Consume();

        DrainUntil(conn, () => received == 5);

        Assert.That(bufferedAtFirst, Is.EqualTo(1));
        Assert.That(received, Is.EqualTo(5));
    }

    [Test]
    public void Close_MakesBufferedMessagesVisibleAtOnce()
    {
        using (var conn = Connect())
        {
            var queue = Declare(conn);
            Publish(conn, 3);
            var received = 0;
            using var consumer = conn.CreateConsumer([queue], callbacks: [(_, message) => { received++; message.Ack(); }]);
            consumer.Consume();
            conn.DrainEvents(s_timeout);
            Assert.That(((SqsChannel)conn.DefaultChannel).BufferedCount, Is.EqualTo(2));
        }

        Assert.That(SqsBroker.Counts(Sqs, QueueName), Is.EqualTo((2L, 0L)));
    }

    [Test]
    public void Cancel_MakesBufferedMessagesOfThatQueueVisible()
    {
        using var conn = Connect();
        var queue = Declare(conn);
        Publish(conn, 3);
        using var consumer = conn.CreateConsumer([queue], callbacks: [(_, message) => message.Ack()]);
        consumer.Consume();
        conn.DrainEvents(s_timeout);

        consumer.Cancel();

        Assert.That(((SqsChannel)conn.DefaultChannel).BufferedCount, Is.Zero);
        Assert.That(SqsBroker.Counts(Sqs, QueueName), Is.EqualTo((2L, 0L)));
    }

    [Test]
    public void NoAckConsumer_DeletesEachMessageOnDelivery()
    {
        using var conn = Connect();
        var queue = Declare(conn);
        Publish(conn, 2);
        var received = 0;
        using var consumer = conn.CreateConsumer([queue], noAck: true, callbacks: [(_, _) => received++]);
        consumer.Consume();

        DrainUntil(conn, () => received == 2);

        Assert.That(((SqsChannel)conn.DefaultChannel).ReceiptCount, Is.Zero);
        Assert.That(SqsBroker.Counts(Sqs, QueueName), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public void NoAckGet_DeletesTheMessage()
    {
        using var conn = Connect();
        var queue = Declare(conn);
        Publish(conn, 1);

        var message = SqsBroker.GetWithin(queue, noAck: true);

        Assert.That(message.Payload, Is.EqualTo("m0"));
        Assert.That(SqsBroker.Counts(Sqs, QueueName), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public void Get_DeliveryInfoCarriesSqsQueueAndMessage()
    {
        using var conn = Connect();
        var queue = Declare(conn);
        Publish(conn, 1);

        var message = SqsBroker.GetWithin(queue);
        message.Ack();

        Assert.That(message.DeliveryInfo["sqs_queue"], Is.EqualTo(Sqs.GetQueueUrlAsync(QueueName).GetAwaiter().GetResult().QueueUrl));
        var sqsMessage = (IDictionary<string, object?>)message.DeliveryInfo["sqs_message"]!;
        Assert.That(sqsMessage["ReceiptHandle"], Is.EqualTo(message.DeliveryTag.ToString()));
        Assert.That(((IDictionary<string, object?>)sqsMessage["Attributes"]!)["ApproximateReceiveCount"], Is.EqualTo("1"));
    }

    [Test]
    public void Ack_RefusedBySqs_BecomesAReject()
    {
        using var conn = Connect();
        var queue = Declare(conn);
        Publish(conn, 1);
        var message = SqsBroker.GetWithin(queue);
        Sqs.DeleteQueueAsync(Sqs.GetQueueUrlAsync(QueueName).GetAwaiter().GetResult().QueueUrl).GetAwaiter().GetResult();

        Assert.That(() => message.Ack(), Throws.Nothing);
        Assert.That(((SqsChannel)conn.DefaultChannel).ReceiptCount, Is.Zero);
    }

    [Test]
    public void RejectWithoutRequeue_LeavesMessageInvisible_UntilItsTimeout()
    {
        using var conn = Connect();
        var queue = Declare(conn);
        Publish(conn, 1);

        SqsBroker.GetWithin(queue).Reject();

        Assert.That(((SqsChannel)conn.DefaultChannel).ReceiptCount, Is.Zero);
        Assert.That(SqsBroker.Counts(Sqs, QueueName), Is.EqualTo((0L, 1L)));
    }

    private Queue Declare(Connection conn)
    {
        var queue = new Queue(QueueName).Bind(conn.DefaultChannel);
        queue.Declare();
        return queue;
    }

    private void Publish(Connection conn, int count)
    {
        var producer = conn.CreateProducer();
        for (var i = 0; i < count; i++)
            producer.Publish("m" + i, routingKey: QueueName);
    }

    private static void DrainUntil(Connection conn, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!done() && DateTime.UtcNow < deadline)
        {
            try
            {
                conn.DrainEvents(TimeSpan.FromSeconds(2));
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private static Connection Connect() =>
        new(SqsBroker.Url, transportOptions: new Dictionary<string, object?> { ["wait_time_seconds"] = 1 });
}

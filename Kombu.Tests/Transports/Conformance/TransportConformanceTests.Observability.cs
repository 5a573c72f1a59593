using System.Diagnostics;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Conformance;

public abstract partial class TransportConformanceTests
{
    [Test]
    public void PublishThenConsume_Traced_ProcessSpanIsChildOfPublishSpan()
    {
        using var telemetry = new TelemetryCapture();
        using var conn = Connect();
        var exchange = new Exchange(Name("traced"), "direct", durable: false);
        var queue = DeclareQueue(conn.DefaultChannel, Name("traced"), exchange, "rk");
        var received = new List<Message>();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(_, message) => { received.Add(message); message.Ack(); }]);
        consumer.Consume();

        conn.CreateProducer(exchange: exchange).Publish(new Dictionary<string, object?> { ["n"] = 1L }, routingKey: "rk",
            properties: new Dictionary<string, object?> { ["message_id"] = "mid-traced" });
        DrainUntil(conn, () => received.Count == 1, DeliveryTimeout);

        var publish = telemetry.Stopped.Single(a => a.Kind == ActivityKind.Producer && a.OperationName == "publish " + exchange.Name);
        var process = telemetry.Stopped.Single(a => a.Kind == ActivityKind.Consumer && a.OperationName == "process " + queue.Name);
        Assert.That((process.TraceId, process.ParentSpanId), Is.EqualTo((publish.TraceId, publish.SpanId)));
        Assert.That(received[0].Headers["traceparent"], Is.EqualTo(publish.Id));
        Assert.That(publish.GetTagItem("messaging.system"), Is.EqualTo(ExpectedMessagingSystem(conn)));
        Assert.That(publish.GetTagItem("messaging.destination.name"), Is.EqualTo(exchange.Name));
        Assert.That(publish.GetTagItem("messaging.operation.type"), Is.EqualTo("send"));
        Assert.That(process.GetTagItem("messaging.operation.type"), Is.EqualTo("process"));
        Assert.That(process.GetTagItem("messaging.destination.subscription.name"), Is.EqualTo(queue.Name));
        Assert.That(process.GetTagItem("messaging.message.id"), Is.EqualTo("mid-traced"));
        Assert.That(process.GetTagItem(ExpectedMessagingSystem(conn) == "rabbitmq"
            ? "messaging.rabbitmq.destination.routing_key" : "kombu.routing_key"), Is.EqualTo("rk"));
    }

    [Test]
    public async Task PublishBatchAsync_Traced_OnePublishSpanLinkedToACreateSpanPerMessageAndCountedPerMessage()
    {
        using var telemetry = new TelemetryCapture();
        await using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("batch-traced"));

        await conn.CreateProducer().PublishBatchAsync(["a", "b", "c"], routingKey: queue.Name);
        var got = new[] { GetRequired(queue, noAck: true), GetRequired(queue, noAck: true), GetRequired(queue, noAck: true) };

        var publish = telemetry.Stopped.Single(a => a.OperationName == "publish " + queue.Name);
        var creates = telemetry.Stopped.Where(a => a.OperationName == "create " + queue.Name).ToList();
        Assert.That((publish.Kind, publish.GetTagItem("messaging.batch.message_count"), publish.GetTagItem("messaging.operation.type")),
            Is.EqualTo((ActivityKind.Client, (object)3, (object)"send")));
        Assert.That(creates.Select(a => (a.Kind, a.GetTagItem("messaging.operation.type"))),
            Is.EqualTo(Enumerable.Repeat((ActivityKind.Producer, (object?)"create"), 3)));
        Assert.That(publish.Links.Select(l => l.Context.SpanId), Is.EqualTo(creates.Select(a => a.SpanId)));
        Assert.That(got.Select(m => m.Headers["traceparent"]), Is.EqualTo(creates.Select(a => a.Id)));
        Assert.That(telemetry.Sum("messaging.client.sent.messages", "messaging.system", ExpectedMessagingSystem(conn)), Is.EqualTo(3));
        Assert.That(telemetry.Count("messaging.client.operation.duration", "messaging.operation.name", "publish"), Is.EqualTo(1));
    }

    [Test]
    public async Task PublishAsync_UnderAmbientActivity_PublishSpanIsItsChildAndItStaysCurrent()
    {
        using var telemetry = new TelemetryCapture();
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("ambient"));
        using var ambient = new Activity("request").Start();

        await conn.CreateProducer().PublishAsync("hello", routingKey: queue.Name);

        Assert.That(Activity.Current, Is.SameAs(ambient));
        Assert.That(telemetry.Stopped.Single(a => a.Kind == ActivityKind.Producer).ParentSpanId, Is.EqualTo(ambient.SpanId));
    }

    [Test]
    public void PublishThenGet_Traced_ReceiveSpanLinksPublishSpan()
    {
        using var telemetry = new TelemetryCapture();
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("got"));

        conn.CreateProducer().Publish("hello", routingKey: queue.Name);
        GetRequired(queue, noAck: true);

        var publish = telemetry.Stopped.Single(a => a.Kind == ActivityKind.Producer);
        var receive = telemetry.Stopped.Last(a => a.OperationName == "receive " + queue.Name);
        Assert.That(receive.Links.Select(l => l.Context.SpanId), Is.EqualTo(new[] { publish.SpanId }));
        Assert.That(receive.GetTagItem("messaging.operation.type"), Is.EqualTo("receive"));
    }

    [Test]
    public void Consume_ForeignOrInvalidTraceparent_ProcessSpanContinuesOrStartsTrace()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("foreign"));
        var producer = conn.CreateProducer();
        const string Foreign = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        producer.Publish("python", routingKey: queue.Name, headers: new Dictionary<string, object?> { ["traceparent"] = Foreign });
        producer.Publish("garbage", routingKey: queue.Name, headers: new Dictionary<string, object?> { ["traceparent"] = "not-a-traceparent" });
        using var telemetry = new TelemetryCapture();
        var handled = 0;
        using var consumer = conn.CreateConsumer([queue], callbacks: [(_, message) => { handled++; message.Ack(); }]);
        consumer.Consume();

        DrainUntil(conn, () => handled == 2, DeliveryTimeout);

        var spans = telemetry.Stopped.Where(a => a.OperationName == "process " + queue.Name).ToList();
        Assert.That(spans.Select(a => a.ParentId), Is.EquivalentTo(new[] { Foreign, null }));
    }

    [Test]
    public void Publish_NobodyListening_AddsNoTraceHeaders()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("quiet"));

        conn.CreateProducer().Publish("hello", routingKey: queue.Name);

        Assert.That(GetRequired(queue, noAck: true).Headers.ContainsKey("traceparent"), Is.False);
    }

    [Test]
    public void PublishConsumeAndSettle_Metered_CountersMove()
    {
        using var telemetry = new TelemetryCapture();
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("metered"));
        var outcomes = new Queue<Action<Message>>([m => m.Ack(), m => m.Reject(), m => m.Requeue(), m => m.Ack()]);
        var handled = 0;
        var decodeErrors = 0;
        using var consumer = conn.CreateConsumer([queue], onDecodeError: (message, _) => { decodeErrors++; message.Ack(); },
            callbacks: [(_, message) => { handled++; outcomes.Dequeue()(message); }]);
        consumer.Consume();
        var producer = conn.CreateProducer();

        for (var i = 0; i < 3; i++)
            producer.Publish(new Dictionary<string, object?> { ["i"] = (long)i }, routingKey: queue.Name);
        producer.Publish("{not json"u8.ToArray(), routingKey: queue.Name, contentType: "application/json", contentEncoding: "utf-8");
        DrainUntil(conn, () => handled == 4 && decodeErrors == 1, DeliveryTimeout);

        const string Queue = "messaging.destination.subscription.name";
        Assert.That(telemetry.Count("messaging.client.sent.messages", "messaging.system", ExpectedMessagingSystem(conn)), Is.EqualTo(4));
        Assert.That(telemetry.Count("messaging.client.operation.duration", "messaging.operation.name", "publish"), Is.EqualTo(4));
        Assert.That(telemetry.Sum("messaging.client.consumed.messages", Queue, queue.Name), Is.EqualTo(5));
        Assert.That(telemetry.Sum("kombu.messages.acked", Queue, queue.Name), Is.EqualTo(3));
        Assert.That(telemetry.Sum("kombu.messages.rejected", Queue, queue.Name), Is.EqualTo(1));
        Assert.That(telemetry.Sum("kombu.messages.requeued", Queue, queue.Name), Is.EqualTo(1));
        Assert.That(telemetry.Sum("kombu.messages.decode_errors", Queue, queue.Name), Is.EqualTo(1));
        Assert.That(telemetry.Count("messaging.process.duration", Queue, queue.Name), Is.EqualTo(5));
        if (ExpectedMessagingSystem(conn) == "rabbitmq")
            Assert.That(telemetry.Sum("kombu.messages.redelivered", Queue, queue.Name), Is.EqualTo(1));
    }

    // The conventions' messaging.system: RabbitMQ and SQS have names of their own; the rest go by Kombu's transport name.
    private static string ExpectedMessagingSystem(Connection connection) => connection.Transport.DriverType switch
    {
        "amqp" => "rabbitmq",
        "sqs" => "aws_sqs",
        var other => other,
    };
}

using Kombu.Tests.Support;
using Kombu.Tests.Transport.Memory;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public class QoSTests : MemoryTestBase
{
    private static Envelope NewEnvelope(string tag) => new() { DeliveryTag = tag, RoutingKey = "unused" };

    private QoS NewQoS(int prefetchCount) => new((VirtualChannel)NewChannel(), prefetchCount);

    [Test]
    public void CanConsume_NoPrefetchLimit_ReturnsTrue()
    {
        var qos = NewQoS(0);
        for (var i = 0; i < 100; i++)
            qos.Append(NewEnvelope($"t{i}"), $"t{i}");

        Assert.That(qos.CanConsume(), Is.True);
    }

    [Test]
    public void CanConsume_PrefetchReached_ReturnsFalse()
    {
        var qos = NewQoS(2);
        qos.Append(NewEnvelope("a"), "a");
        qos.Append(NewEnvelope("b"), "b");

        Assert.That(qos.CanConsume(), Is.False);
    }

    [Test]
    public void CanConsume_AfterAck_ReturnsTrue()
    {
        var qos = NewQoS(1);
        qos.Append(NewEnvelope("a"), "a");

        qos.Ack("a");

        Assert.That(qos.CanConsume(), Is.True);
    }

    [Test]
    public void CanConsumeMaxEstimate_PrefetchWithOneUnacked_ReturnsRemainingWindow()
    {
        var qos = NewQoS(3);
        qos.Append(NewEnvelope("a"), "a");

        Assert.That(qos.CanConsumeMaxEstimate(), Is.EqualTo(2));
    }

    [Test]
    public void CanConsumeMaxEstimate_NoLimit_ReturnsNull()
    {
        Assert.That(NewQoS(0).CanConsumeMaxEstimate(), Is.Null);
    }

    [Test]
    public void Get_AppendedTag_ReturnsEnvelope()
    {
        var qos = NewQoS(0);
        var envelope = NewEnvelope("a");
        qos.Append(envelope, "a");

        Assert.That(qos.Get("a"), Is.SameAs(envelope));
    }

    [Test]
    public async Task Reject_WithoutRequeue_ForgetsMessage()
    {
        var qos = NewQoS(0);
        qos.Append(NewEnvelope("a"), "a");

        await qos.RejectAsync("a");

        Assert.That((qos.Get("a"), qos.UnackedCount), Is.EqualTo(((Envelope?)null, 0)));
    }

    [Test]
    public async Task RestoreUnackedOnce_CalledTwice_RestoresOnlyOnce()
    {
        var channel = (VirtualChannel)NewChannel();
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("m"), "", queue);
        await channel.GetMessageAsync(queue);
        var qos = channel.QoS;

        await qos.RestoreUnackedOnceAsync();
        var envelope = new Envelope { DeliveryTag = "late", RoutingKey = queue };
        qos.Append(envelope, "late");
        await qos.RestoreUnackedOnceAsync();

        Assert.That(DrainAll(channel, queue).Count, Is.EqualTo(1));
    }

    [Test]
    public void DeliveredCount_AfterAppendsAndAcks_CountsEveryAppend()
    {
        var qos = NewQoS(0);
        qos.Append(NewEnvelope("a"), "a");
        qos.Append(NewEnvelope("b"), "b");
        qos.Ack("a");

        Assert.That((qos.DeliveredCount, qos.UnackedCount), Is.EqualTo((2L, 1)));
    }
}

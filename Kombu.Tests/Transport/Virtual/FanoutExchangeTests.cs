using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public class FanoutExchangeTests
{
    [Test]
    public void Lookup_AnyRoutingKey_ReturnsEveryBoundQueue()
    {
        var fanout = new FanoutExchange();
        var table = new[] { fanout.PrepareBind("q1", "fx", "a", null), fanout.PrepareBind("q2", "fx", "b", null) };

        Assert.That(fanout.Lookup(table, "fx", "zzz"), Is.EqualTo(new[] { "q1", "q2" }));
    }
}

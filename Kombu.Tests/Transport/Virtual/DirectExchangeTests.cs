using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public class DirectExchangeTests
{
    private static readonly DirectExchange Direct = new();

    [Test]
    public void Lookup_ExactKey_ReturnsEachQueueOnce()
    {
        var table = new[]
        {
            Direct.PrepareBind("q1", "ex", "k", null), Direct.PrepareBind("q1", "ex", "k", null),
            Direct.PrepareBind("q2", "ex", "k", null), Direct.PrepareBind("q3", "ex", "K", null),
        };

        Assert.That(Direct.Lookup(table, "ex", "k"), Is.EqualTo(new[] { "q1", "q2" }));
    }

    [Test]
    public void Equivalent_DifferentArguments_ReturnsFalse()
    {
        var previous = new ExchangeInfo("direct", true, false, new Dictionary<string, object?> { ["a"] = 1 });

        Assert.That(Direct.Equivalent(previous, "ex", "direct", true, false, new Dictionary<string, object?> { ["a"] = 2 }), Is.False);
    }

    [Test]
    public void Equivalent_SameDeclaration_ReturnsTrue()
    {
        var previous = new ExchangeInfo("direct", true, false, null);

        Assert.That(Direct.Equivalent(previous, "ex", "direct", true, false, null), Is.True);
    }
}

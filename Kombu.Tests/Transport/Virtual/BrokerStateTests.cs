using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public class BrokerStateTests
{
    private static BrokerState WithBinding()
    {
        var state = new BrokerState();
        state.GetOrAddExchange("ex", new ExchangeInfo("direct", false, false, null));
        state.DeclareBinding("ex", new BindingEntry("k", null, "q"));
        return state;
    }

    [Test]
    public void DeclareBinding_NewBinding_AddsTableEntry()
    {
        var state = WithBinding();

        Assert.That(state.Exchanges["ex"].Table, Is.EqualTo(new[] { new BindingEntry("k", null, "q") }));
    }

    [Test]
    public void DeclareBinding_SameBindingTwice_ReturnsFalse()
    {
        var state = WithBinding();

        Assert.That(state.DeclareBinding("ex", new BindingEntry("k", null, "q")), Is.False);
    }

    [Test]
    public void DeleteQueueBindings_BoundQueue_RemovesBindingAndTableEntry()
    {
        var state = WithBinding();

        state.DeleteQueueBindings("q");

        Assert.That((state.HasBinding("q", "ex", "k"), state.Exchanges["ex"].Table.Count), Is.EqualTo((false, 0)));
    }

    [Test]
    public void DeleteExchange_WithBindings_RemovesExchangeAndBindings()
    {
        var state = WithBinding();

        var removed = state.DeleteExchange("ex");

        Assert.That((removed.Count, state.Bindings.Count, state.Exchanges.ContainsKey("ex")), Is.EqualTo((1, 0, false)));
    }

    [Test]
    public void Clear_WithState_ForgetsEverything()
    {
        var state = WithBinding();

        state.Clear();

        Assert.That((state.Exchanges.Count, state.Bindings.Count), Is.EqualTo((0, 0)));
    }
}

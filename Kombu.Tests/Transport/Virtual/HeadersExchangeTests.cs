using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public class HeadersExchangeTests
{
    private static readonly HeadersExchange Headers = new();

    private static BindingEntry Bind(string queue, params (string Key, object? Value)[] arguments) =>
        Headers.PrepareBind(queue, "hx", "", arguments.ToDictionary(a => a.Key, a => a.Value));

    [Test]
    public void Lookup_AllMatchWithEveryHeader_RoutesToQueue()
    {
        var table = new[] { Bind("q", ("format", "pdf"), ("type", "report")) };
        var headers = new Dictionary<string, object?> { ["format"] = "pdf", ["type"] = "report", ["extra"] = 1 };

        Assert.That(Headers.Lookup(table, "hx", "", null, headers), Is.EqualTo(new[] { "q" }));
    }

    [Test]
    public void Lookup_AllMatchWithOneHeaderMissing_RoutesNowhere()
    {
        var table = new[] { Bind("q", ("x-match", "all"), ("format", "pdf"), ("type", "report")) };
        var headers = new Dictionary<string, object?> { ["format"] = "pdf" };

        Assert.That(Headers.Lookup(table, "hx", "", null, headers), Is.Empty);
    }

    [Test]
    public void Lookup_AnyMatchWithOneHeader_RoutesToQueue()
    {
        var table = new[] { Bind("q", ("x-match", "any"), ("format", "pdf"), ("type", "report")) };
        var headers = new Dictionary<string, object?> { ["type"] = "report" };

        Assert.That(Headers.Lookup(table, "hx", "", null, headers), Is.EqualTo(new[] { "q" }));
    }

    [Test]
    public void Lookup_AnyMatchWithNoHeader_RoutesNowhere()
    {
        var table = new[] { Bind("q", ("x-match", "any"), ("format", "pdf")) };

        Assert.That(Headers.Lookup(table, "hx", "", null, new Dictionary<string, object?>()), Is.Empty);
    }

    [Test]
    public void Matches_NumbersOfDifferentTypes_ComparesByValue()
    {
        var arguments = new Dictionary<string, object?> { ["n"] = 1 };
        var headers = new Dictionary<string, object?> { ["n"] = 1L };

        Assert.That(HeadersExchange.Matches(arguments, headers), Is.True);
    }

    [Test]
    public void Matches_XPrefixedArgument_IsNotMatched()
    {
        var arguments = new Dictionary<string, object?> { ["x-match"] = "all", ["x-other"] = "v" };

        Assert.That(HeadersExchange.Matches(arguments, new Dictionary<string, object?>()), Is.True);
    }
}

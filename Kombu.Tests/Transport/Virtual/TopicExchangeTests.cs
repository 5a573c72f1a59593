using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public class TopicExchangeTests
{
    private static readonly TopicExchange Topic = new();

    [TestCase("a.*", @"^a\..*?[^\.]$")]
    [TestCase("a.#", @"^a\..*?$")]
    [TestCase("#", @"^.*?$")]
    [TestCase("*", @"^.*?[^\.]$")]
    [TestCase("*.b", @"^.*?[^\.]\.b$")]
    [TestCase("a.*.c", @"^a\..*?[^\.]\.c$")]
    [TestCase("a-b.c+d", @"^a\-b\.c\+d$")]
    [TestCase("a.*.#", @"^a\..*?[^\.]\..*?$")]
    public void KeyToPattern_SpecTableRow_ReturnsPythonPattern(string key, string expected) =>
        Assert.That(TopicExchange.KeyToPattern(key), Is.EqualTo(expected));

    [TestCase("user_id", @"^user\_id$")]
    [TestCase("café.x", @"^café\.x$")]
    [TestCase("a b", @"^a\ b$")]
    [TestCase("x²", @"^x²$")]
    [TestCase("a\0b", @"^a\000b$")]
    [TestCase("😀", "^\\😀$")]
    public void KeyToPattern_SpecialCharacters_EscapesNonAlphanumerics(string key, string expected) =>
        Assert.That(TopicExchange.KeyToPattern(key), Is.EqualTo(expected));

    [TestCase("a.*", "a.b", true)]
    [TestCase("a.*", "a.b.c", true)]
    [TestCase("a.*", "a.bc.d.e", true)]
    [TestCase("a.*", "a.x.y.b", true)]
    [TestCase("a.*", "a.", false)]
    [TestCase("a.*", "b.c", false)]
    [TestCase("*.b", "a.b", true)]
    [TestCase("*.b", "x.b", true)]
    [TestCase("*.b", "a.x.y.b", true)]
    [TestCase("*.b", "a.c", false)]
    [TestCase("a.*.c", "a.b.c", true)]
    [TestCase("a.*.c", "a.c", false)]
    [TestCase("a.#", "a", false)]
    [TestCase("a.#", "a.b.c", true)]
    [TestCase("#", "", true)]
    [TestCase("#", "anything.at.all", true)]
    [TestCase("user_id.*", "user_id.x", true)]
    [TestCase("café.*", "café.x", true)]
    [TestCase("a\0b", "a\0b", true)]
    [TestCase("😀.*", "😀.x", true)]
    public void Matches_VerifiedRouting_MatchesLikeKombu(string key, string routingKey, bool expected) =>
        Assert.That(TopicExchange.Matches(TopicExchange.KeyToPattern(key), routingKey), Is.EqualTo(expected));

    [Test]
    public void Lookup_ManyBindings_ReturnsDistinctMatchingQueues()
    {
        var table = new List<BindingEntry>();
        for (var i = 0; i < 500; i++)
            table.Add(Topic.PrepareBind($"q{i % 50}", "ex", $"k{i}.*", null));
        table.Add(Topic.PrepareBind("all", "ex", "#", null));
        table.Add(Topic.PrepareBind("all", "ex", "k7.#", null));

        var queues = Topic.Lookup(table, "ex", "k7.x", null);

        Assert.That(queues, Is.EquivalentTo(new[] { "q7", "all" }));
    }

    [Test]
    public void Lookup_NoMatchWithDefault_ReturnsDefault()
    {
        var table = new List<BindingEntry> { Topic.PrepareBind("q", "ex", "a.*", null) };

        Assert.That(Topic.Lookup(table, "ex", "b.c", "dead"), Is.EqualTo(new[] { "dead" }));
    }

    [Test]
    public void PrepareBind_BindingKey_StoresPatternAsBuilt()
    {
        var entry = Topic.PrepareBind("q", "ex", "a.*", null);

        Assert.That(entry, Is.EqualTo(new BindingEntry("a.*", @"^a\..*?[^\.]$", "q")));
    }
}

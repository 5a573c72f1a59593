using Kombu.Pidbox;

namespace Kombu.Tests.Pidbox;

[Category("Unit")]
public sealed class NodeMatcherTests
{
    [TestCase("celery@*", "celery@host", true)]
    [TestCase("celery@?ost", "celery@host", true)]
    [TestCase("celery@[hx]ost", "celery@host", true)]
    [TestCase("celery@[!h]ost", "celery@host", false)]
    [TestCase("celery", "celery@host", false)]
    [TestCase("a.b", "axb", false)]
    public void Match_Glob_MatchesWholeName(string pattern, string hostname, bool expected) =>
        Assert.That(NodeMatcher.Match(hostname, pattern, "glob"), Is.EqualTo(expected));

    [TestCase("cel", "celery@host", true)]
    [TestCase("host", "celery@host", false)]
    [TestCase(@"\w+@h", "celery@host", true)]
    public void Match_Pcre_AnchorsAtStartOnly(string pattern, string hostname, bool expected) =>
        Assert.That(NodeMatcher.Match(hostname, pattern, "pcre"), Is.EqualTo(expected));

    [Test]
    public void Match_UnknownMatcher_Throws() =>
        Assert.That(() => NodeMatcher.Match("h", "h", "regex"), Throws.ArgumentException);
}

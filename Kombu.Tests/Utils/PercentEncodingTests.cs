using Kombu.Utils;

namespace Kombu.Tests.Utils;

[Category("Unit")]
internal sealed class PercentEncodingTests
{
    [TestCase("caf%C3%A9", "café")]
    [TestCase("100%", "100%")]
    [TestCase("%zz%4", "%zz%4")]
    [TestCase("%ff", "\uFFFD")]
    [TestCase("a+b", "a+b")]
    public void Unquote_Text_DecodesUtf8AndKeepsMalformedSequences(string text, string expected) =>
        Assert.That(PercentEncoding.Unquote(text), Is.EqualTo(expected));

    [Test]
    public void Unquote_PlusAsSpace_DecodesPlus() =>
        Assert.That(PercentEncoding.Unquote("a+b%2B", plusAsSpace: true), Is.EqualTo("a b+"));

    [TestCase("café/ ", "caf%C3%A9%2F%20")]
    [TestCase("Az09_.-~", "Az09_.-~")]
    public void Quote_Text_EncodesAllButAlwaysSafeCharacters(string text, string expected) =>
        Assert.That(PercentEncoding.Quote(text), Is.EqualTo(expected));

    [Test]
    public void Quote_SpaceAsPlus_WritesPlus() =>
        Assert.That(PercentEncoding.Quote("a b+", spaceAsPlus: true), Is.EqualTo("a+b%2B"));
}

using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public class PythonRegexTests
{
    [TestCase(@"^user\_id$", "^user_id$")]
    [TestCase(@"^caf\é$", "^café$")]
    [TestCase(@"^a\qb$", "^aqb$")]
    [TestCase(@"^a\000b$", @"^a\x00b$")]
    [TestCase(@"^a\Z", @"^a\z")]
    [TestCase(@"^a\.\-\+$", @"^a\.\-\+$")]
    [TestCase(@"\d\w\s", @"\d\w\s")]
    [TestCase(@"(?P<word>a)(?P=word)", @"(?<word>a)\k<word>")]
    public void ToDotNet_PythonEscape_TranslatesToDotNet(string python, string expected) =>
        Assert.That(PythonRegex.ToDotNet(python), Is.EqualTo(expected));

    [Test]
    public void Compile_PatternWithPythonOnlyEscapes_MatchesLiteralCharacters()
    {
        var regex = PythonRegex.Compile(@"^user\_\é\.x$");

        Assert.That(regex.IsMatch("user_é.x"), Is.True);
    }

    [Test]
    public void Compile_PatternWithBackreference_FallsBackAndMatches()
    {
        var regex = PythonRegex.Compile(@"^(a)\1$");

        Assert.That(regex.IsMatch("aa"), Is.True);
    }
}

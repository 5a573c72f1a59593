using Kombu.Cli;

namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class PythonJsonTests
{
    [Test]
    public void Spaced_CompactJson_UsesPythonSeparators()
    {
        Assert.That(PythonJson.Spaced("{\"a\":[1,2],\"b\":{}}"), Is.EqualTo("{\"a\": [1, 2], \"b\": {}}"));
    }

    [Test]
    public void Spaced_SeparatorsInsideStrings_AreLeftAlone()
    {
        Assert.That(PythonJson.Spaced("[\"a,b:c\",\"q\\\",\"]"), Is.EqualTo("[\"a,b:c\", \"q\\\",\"]"));
    }

    [Test]
    public void LoadsOrString_NotJson_ReturnsTheText()
    {
        Assert.That(PythonJson.LoadsOrString("hello world"), Is.EqualTo("hello world"));
    }
}

using Kombu.Cli;

namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class ErrorTextTests
{
    [Test]
    public void OneLine_MultilineMessage_JoinsTheLines()
    {
        Assert.That(ErrorText.OneLine("first\nsecond\r\nthird", null), Is.EqualTo("kombu: error: first second third"));
    }

    [Test]
    public void OneLine_MessageContainingPassword_MasksIt()
    {
        var line = ErrorText.OneLine("cannot connect to amqp://user:s%40cret@host// (s@cret)", "amqp://user:s%40cret@host//");

        Assert.That(line, Does.Not.Contain("cret"));
    }
}

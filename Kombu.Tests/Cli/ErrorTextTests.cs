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
    public void OneLine_MessageQuotingTheUrl_MasksItsPassword()
    {
        var line = ErrorText.OneLine("cannot connect to amqp://user:s%40cret@host// now", "amqp://user:s%40cret@host//");

        Assert.That(line, Does.Contain("amqp://user:**@host").And.Not.Contain("cret"));
    }

    [Test]
    public void OneLine_OtherUrlInTheMessage_MasksItsPassword()
    {
        var line = ErrorText.OneLine("backend redis://:hunter2@cache:6379/1 refused", "memory://");

        Assert.That(line, Does.Contain("redis://:**@cache:6379/1").And.Not.Contain("hunter2"));
    }

    [Test]
    public void OneLine_PasswordTextOutsideAUrl_IsLeftAlone()
    {
        var line = ErrorText.OneLine("Port could not be cast to integer value as 'notaport' in URL 'amqp://u:**@host:notaport//'.",
            "amqp://u:p@host:notaport//");

        Assert.That(line, Is.EqualTo("kombu: error: Port could not be cast to integer value as 'notaport' in URL 'amqp://u:**@host:notaport//'."));
    }

    [Test]
    public void Describe_ArgumentException_DropsTheParameterName()
    {
        Assert.That(ErrorText.Describe(new ArgumentException("Bad URL.", "url")), Is.EqualTo("Bad URL."));
    }
}

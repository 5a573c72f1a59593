using Kombu.Cli;

namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class ProgressBarTests
{
    [Test]
    public void Step_Disabled_WritesNothing()
    {
        using var output = new StringWriter();
        using (var bar = new ProgressBar(output, "published", 3, enabled: false))
        {
            bar.Step();
            bar.Step();
        }

        Assert.That(output.ToString(), Is.Empty);
    }

    [Test]
    public void Dispose_EnabledAfterLastStep_ShowsTheFullBarOnce()
    {
        using var output = new StringWriter();
        using (var bar = new ProgressBar(output, "published", 2, enabled: true))
        {
            bar.Step();
            bar.Step();
        }

        var lastLine = output.ToString().Split('\r').Last();
        Assert.That(lastLine, Does.Contain("2/2 100%"));
        Assert.That(output.ToString().Split("2/2").Length - 1, Is.EqualTo(1));
    }
}

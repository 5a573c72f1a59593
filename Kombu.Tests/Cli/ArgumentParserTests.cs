using Kombu.Cli.CommandLine;

namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class ArgumentParserTests
{
    private static readonly CommandSpec Spec = new("test", "", "",
        [new("--name", "N", "A name."), new("--flag", null, "A flag."), new("--header", "K=V", "A header.", Repeatable: true)],
        MaxPositionals: 1);

    [Test]
    public void Parse_EqualsForm_ReadsTheValue()
    {
        var parsed = ArgumentParser.Parse(Spec, ["--name=a=b"]);

        Assert.That(parsed.Get("--name"), Is.EqualTo("a=b"));
    }

    [Test]
    public void Parse_RepeatedOption_KeepsEveryValueInOrder()
    {
        var parsed = ArgumentParser.Parse(Spec, ["--header", "a=1", "--header", "b=2"]);

        Assert.That(parsed.GetAll("--header"), Is.EqualTo(new[] { "a=1", "b=2" }));
    }

    [Test]
    public void Parse_EmptyValue_IsKept()
    {
        var parsed = ArgumentParser.Parse(Spec, ["--name", ""]);

        Assert.That(parsed.Get("--name"), Is.Empty);
    }

    [Test]
    public void Parse_DoubleDash_TreatsTheRestAsPositional()
    {
        var parsed = ArgumentParser.Parse(Spec, ["--flag", "--", "--name"]);

        Assert.That(parsed.Positionals, Is.EqualTo(new[] { "--name" }));
    }

    [Test]
    public void Parse_NonRepeatableOptionTwice_Throws()
    {
        Assert.That(() => ArgumentParser.Parse(Spec, ["--name", "a", "--name", "b"]),
            Throws.TypeOf<UsageException>().With.Message.Contains("more than once"));
    }

    [Test]
    public void Parse_TooManyPositionals_Throws()
    {
        Assert.That(() => ArgumentParser.Parse(Spec, ["a", "b"]),
            Throws.TypeOf<UsageException>().With.Message.Contains("too many arguments"));
    }

    [Test]
    public void Parse_FlagWithValue_Throws()
    {
        Assert.That(() => ArgumentParser.Parse(Spec, ["--flag=yes"]),
            Throws.TypeOf<UsageException>().With.Message.Contains("takes no value"));
    }
}

using System.Text;
using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Tests.Serialization;

[Category("Unit")]
public sealed class KombuYamlTests
{
    // yaml.safe_dump({'a': 1, 'b': [1, 2.5, 'x'], 'c': None, 'd': True, 'e': 'é'}) (spec services.md §4).
    private const string PythonSample = "a: 1\nb:\n- 1\n- 2.5\n- x\nc: null\nd: true\ne: \"\\xE9\"\n";

    private static Dictionary<string, object?> SampleValue() => new()
    {
        ["e"] = "é", ["a"] = 1L, ["b"] = new List<object?> { 1L, 2.5, "x" }, ["c"] = null, ["d"] = true,
    };

    [Test]
    public void Serialize_KombuSample_MatchesSafeDumpText()
    {
        Assert.That(Encoding.UTF8.GetString(KombuYaml.Serialize(SampleValue())), Is.EqualTo(PythonSample));
    }

    [Test]
    public void Deserialize_SafeDumpText_YieldsPlainDictionary()
    {
        Assert.That(KombuYaml.Deserialize(Encoding.UTF8.GetBytes(PythonSample)), Is.EqualTo(SampleValue()));
    }

    [Test]
    public void Deserialize_Yaml11Scalars_ResolveAsPyYaml()
    {
        var value = (Dictionary<string, object?>)KombuYaml.Deserialize(
            "a: yes\nb: ~\nc: 0x1F\nd: -.inf\ne: 2024-01-02\nf: 2024-01-02 03:04:05+01:00\ng: '1'\nh: !!binary AAE=\ni: !!set {x: null}\n"u8.ToArray())!;

        Assert.Multiple(() =>
        {
            Assert.That(value["a"], Is.EqualTo(true));
            Assert.That(value["b"], Is.Null);
            Assert.That(value["c"], Is.EqualTo(31L));
            Assert.That(value["d"], Is.EqualTo(double.NegativeInfinity));
            Assert.That(value["e"], Is.EqualTo(new DateOnly(2024, 1, 2)));
            Assert.That(value["f"], Is.EqualTo(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(1))));
            Assert.That(value["g"], Is.EqualTo("1"));
            Assert.That(value["h"], Is.EqualTo(new byte[] { 0, 1 }));
            Assert.That(value["i"], Is.EquivalentTo(new[] { "x" }));
        });
    }

    [Test]
    public void Deserialize_AliasBomb_ThrowsDecodeException()
    {
        var bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'j'; level++)
            bomb.Append($"{level}: &{level} [{string.Join(",", Enumerable.Repeat($"*{(char)(level - 1)}", 9))}]\n");

        Assert.That(() => KombuYaml.Deserialize(Encoding.UTF8.GetBytes(bomb.ToString())),
            Throws.TypeOf<DecodeException>().With.Message.Contains("alias"));
    }

    [TestCase("!!python/object/apply:os.system ['echo pwned']", "python/object/apply:os.system")]
    [TestCase("a: !!python/name:os.system ''", "python/name:os.system")]
    [TestCase("a: [1, 2", "")]
    [TestCase("a: 1\n---\nb: 2\n", "single document")]
    [TestCase("a: *nowhere", "alias")]
    [TestCase("\"unterminated", "")]
    public void Deserialize_UnsafeOrMalformed_ThrowsDecodeException(string text, string message)
    {
        Assert.That(() => KombuYaml.Deserialize(Encoding.UTF8.GetBytes(text)),
            Throws.TypeOf<DecodeException>().With.Message.Contains(message));
    }

    [Test]
    public void Deserialize_DeeplyNested_ThrowsDecodeException()
    {
        var text = new string('[', 5000) + new string(']', 5000);

        Assert.That(() => KombuYaml.Deserialize(Encoding.UTF8.GetBytes(text)), Throws.TypeOf<DecodeException>());
    }

    [TestCase("yes")]
    [TestCase("1.5")]
    [TestCase("")]
    [TestCase("- dash")]
    [TestCase("a: b")]
    [TestCase(" padded ")]
    [TestCase("tab\there \U0001F600")]
    [TestCase("null")]
    public void Serialize_AmbiguousText_RoundTripsAsText(string text)
    {
        Assert.That(KombuYaml.Deserialize(KombuYaml.Serialize(new List<object?> { text })), Is.EqualTo(new List<object?> { text }));
    }

    [Test]
    public void Serialize_Guid_ThrowsEncodeExceptionAsSafeDump()
    {
        Assert.That(() => KombuYaml.Serialize(Guid.Empty), Throws.TypeOf<EncodeException>());
    }
}

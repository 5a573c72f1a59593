using System.Text;
using Kombu.Serialization;

// Directory.Build.props reads IsShipped before Kombu.Tests.csproj sets it, so tests inherit the XML-doc rule.

namespace Kombu.Tests.Serialization;

[Category("Unit")]
public sealed class SerializersTests
{
    [Test]
    public void Dumps_Dictionary_UsesJsonOfDefaultRegistry()
    {
        var body = Serializers.Dumps(new Dictionary<string, object?> { ["hello"] = "world" });

        Assert.Multiple(() =>
        {
            Assert.That((body.ContentType, body.ContentEncoding), Is.EqualTo(("application/json", "utf-8")));
            Assert.That(Encoding.UTF8.GetString(body.Data), Is.EqualTo("{\"hello\":\"world\"}"));
        });
    }

    [Test]
    public void Loads_JsonBody_RoundTripsDumps()
    {
        var body = Serializers.Dumps(new List<object?> { 1L, "é", null });

        Assert.That(Serializers.Loads(body.Data, body.ContentType, body.ContentEncoding), Is.EqualTo(new List<object?> { 1L, "é", null }));
    }

    [Test]
    public void PrepareAcceptContent_JsonAlias_ReturnsApplicationJson()
    {
        Assert.That(Serializers.PrepareAcceptContent(["json"]), Is.EquivalentTo(new[] { "application/json" }));
    }

    [Test]
    public void Registry_Default_HasJsonAsDefaultSerializer()
    {
        Assert.That(Serializers.Registry.DefaultSerializer, Is.EqualTo("json"));
    }
}

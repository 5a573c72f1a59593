using System.Text;
using Kombu.Exceptions;
using Kombu.Serialization;

// Directory.Build.props reads IsShipped before Kombu.Tests.csproj sets it, so tests inherit the XML-doc rule.

namespace Kombu.Tests.Serialization;

[Category("Unit")]
public sealed partial class SerializerRegistryTests
{
    private static readonly byte[] JsonHello = "{\"hello\": \"world\"}"u8.ToArray();

    [Test]
    public void Dumps_RawBytes_ReturnsApplicationDataBinary()
    {
        var body = SerializerRegistry.CreateDefault().Dumps(new byte[] { 1, 2 }, "raw");

        Assert.That(body, Is.EqualTo(new EncodedBody("application/data", "binary", body.Data)));
        Assert.That(body.Data, Is.EqualTo(new byte[] { 1, 2 }));
    }

    [Test]
    public void Dumps_RawText_ReturnsApplicationDataUtf8()
    {
        var body = SerializerRegistry.CreateDefault().Dumps("é", "raw");

        Assert.Multiple(() =>
        {
            Assert.That((body.ContentType, body.ContentEncoding), Is.EqualTo(("application/data", "utf-8")));
            Assert.That(body.Data, Is.EqualTo("é"u8.ToArray()));
        });
    }

    [Test]
    public void Dumps_RawDictionary_ThrowsEncodeException()
    {
        Assert.That(() => SerializerRegistry.CreateDefault().Dumps(new Dictionary<string, object?>(), "raw"),
            Throws.TypeOf<EncodeException>());
    }

    [Test]
    public void Dumps_BytesWithoutSerializer_ReturnsApplicationDataBinaryUnchanged()
    {
        var data = new byte[] { 9, 8 };

        var body = SerializerRegistry.CreateDefault().Dumps(data);

        Assert.That(body, Is.EqualTo(new EncodedBody("application/data", "binary", data)));
    }

    [Test]
    public void Dumps_TextWithoutSerializer_ReturnsTextPlainUtf8()
    {
        var body = SerializerRegistry.CreateDefault().Dumps("héllo");

        Assert.Multiple(() =>
        {
            Assert.That((body.ContentType, body.ContentEncoding), Is.EqualTo(("text/plain", "utf-8")));
            Assert.That(body.Data, Is.EqualTo("héllo"u8.ToArray()));
        });
    }

    [Test]
    public void Dumps_TextWithJson_ReturnsJsonString()
    {
        var body = SerializerRegistry.CreateDefault().Dumps("text", "json");

        Assert.Multiple(() =>
        {
            Assert.That((body.ContentType, body.ContentEncoding), Is.EqualTo(("application/json", "utf-8")));
            Assert.That(Encoding.UTF8.GetString(body.Data), Is.EqualTo("\"text\""));
        });
    }

    [Test]
    public void Dumps_DictionaryWithoutSerializer_UsesDefaultJson()
    {
        var body = SerializerRegistry.CreateDefault().Dumps(new Dictionary<string, object?> { ["hello"] = "world" });

        Assert.Multiple(() =>
        {
            Assert.That(body.ContentType, Is.EqualTo("application/json"));
            Assert.That(Encoding.UTF8.GetString(body.Data), Is.EqualTo("{\"hello\":\"world\"}"));
        });
    }

    [Test]
    public void Dumps_UnknownSerializer_ThrowsSerializerNotInstalledNamingKnownOnes()
    {
        Assert.That(() => SerializerRegistry.CreateDefault().Dumps(1, "bson"),
            Throws.TypeOf<SerializerNotInstalledException>().With.Message.Contains("bson").And.Message.Contains("json"));
    }

    [Test]
    public void Dumps_EncoderThrows_ThrowsEncodeExceptionWithInner()
    {
        var registry = new SerializerRegistry();
        registry.Register("bad", _ => throw new InvalidOperationException("boom"), null, "application/x-bad");

        Assert.That(() => registry.Dumps(1, "bad"),
            Throws.TypeOf<EncodeException>().With.InnerException.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void DefaultSerializer_SetToRegisteredName_IsUsedByDumps()
    {
        var registry = SerializerRegistry.CreateDefault();
        registry.Register("upper", d => Encoding.UTF8.GetBytes(d!.ToString()!.ToUpperInvariant()), null, "text/x-upper");

        registry.DefaultSerializer = "upper";

        Assert.That(registry.Dumps(1.5m).ContentType, Is.EqualTo("text/x-upper"));
    }

    [Test]
    public void DefaultSerializer_SetToUnknownName_ThrowsSerializerNotInstalled()
    {
        Assert.That(() => SerializerRegistry.CreateDefault().DefaultSerializer = "nope", Throws.TypeOf<SerializerNotInstalledException>());
    }

    [Test]
    public void Register_NewSerializer_AppearsInLookups()
    {
        var registry = new SerializerRegistry();

        registry.Register("csv", null, d => Encoding.UTF8.GetString(d).Split(','), "text/csv");

        Assert.Multiple(() =>
        {
            Assert.That(registry.NameToType["csv"], Is.EqualTo("text/csv"));
            Assert.That(registry.TypeToName["text/csv"], Is.EqualTo("csv"));
            Assert.That(registry.Loads("a,b"u8.ToArray(), "text/csv", null), Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public void Unregister_Registered_RemovesEncoderDecoderAndNames()
    {
        var registry = SerializerRegistry.CreateDefault();

        registry.Unregister("json");

        Assert.Multiple(() =>
        {
            Assert.That(registry.NameToType, Does.Not.ContainKey("json"));
            Assert.That(() => registry.Dumps(1, "json"), Throws.TypeOf<SerializerNotInstalledException>());
            Assert.That(registry.Loads("1"u8.ToArray(), "application/json", null), Is.EqualTo("1"));
        });
    }

    [Test]
    public void Unregister_Unknown_ThrowsSerializerNotInstalled()
    {
        Assert.That(() => new SerializerRegistry().Unregister("json"), Throws.TypeOf<SerializerNotInstalledException>());
    }

    [Test]
    public void Disable_ByName_RefusesWithoutAccept()
    {
        var registry = SerializerRegistry.CreateDefault();

        registry.Disable("json");

        Assert.That(() => registry.Loads(JsonHello, "application/json", null),
            Throws.TypeOf<ContentDisallowedException>().With.Message.Contains("disabled content of type json (application/json)"));
    }

    [Test]
    public void Enable_ByContentType_AllowsAgain()
    {
        var registry = SerializerRegistry.CreateDefault();
        registry.Disable("application/json");

        registry.Enable("application/json");

        Assert.That(registry.DisabledContentTypes, Does.Not.Contain("application/json"));
    }

    [Test]
    public void Enable_UnknownName_ThrowsSerializerNotInstalled()
    {
        Assert.That(() => SerializerRegistry.CreateDefault().Enable("avro"), Throws.TypeOf<SerializerNotInstalledException>());
    }

    [Test]
    public void CreateDefault_InsecureTypes_StartDisabled()
    {
        Assert.That(SerializerRegistry.CreateDefault().DisabledContentTypes,
            Is.EquivalentTo(new[] { ContentTypes.Pickle, ContentTypes.Yaml, ContentTypes.MsgPack }));
    }

    [Test]
    public void EnableInsecureSerializers_NamedChoices_EnablesThemAndSkipsUnknown()
    {
        var registry = SerializerRegistry.CreateDefault();

        registry.EnableInsecureSerializers(["yaml", "avro"]);

        Assert.That(registry.DisabledContentTypes, Is.EquivalentTo(new[] { ContentTypes.Pickle, ContentTypes.MsgPack }));
    }

    [Test]
    public void DisableInsecureSerializers_Default_DisablesAllDecodersButJson()
    {
        var registry = SerializerRegistry.CreateDefault();
        registry.Register("csv", null, d => d, "text/csv");

        registry.DisableInsecureSerializers();

        Assert.That(registry.DisabledContentTypes, Does.Contain("text/csv").And.Not.Contain(ContentTypes.Json));
    }

    [Test]
    public void DisableInsecureSerializers_AllowedList_KeepsThoseEnabled()
    {
        var registry = SerializerRegistry.CreateDefault();
        registry.Register("csv", null, d => d, "text/csv");

        registry.DisableInsecureSerializers(["csv"]);

        Assert.That(registry.DisabledContentTypes, Does.Contain(ContentTypes.Json).And.Not.Contain("text/csv"));
    }

    [Test]
    public void TrustedContentTypes_Always_AreDataAndText()
    {
        Assert.That(SerializerRegistry.TrustedContentTypes, Is.EquivalentTo(new[] { "application/data", "application/text" }));
    }
}

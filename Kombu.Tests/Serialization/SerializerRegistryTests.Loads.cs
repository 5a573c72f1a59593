using Kombu.Exceptions;
using Kombu.Serialization;

// Directory.Build.props reads IsShipped before Kombu.Tests.csproj sets it, so tests inherit the XML-doc rule.

namespace Kombu.Tests.Serialization;

public sealed partial class SerializerRegistryTests
{
    [Test]
    public void Loads_Json_ReturnsDecodedValue()
    {
        var value = SerializerRegistry.CreateDefault().Loads(JsonHello, "application/json", "utf-8");

        Assert.That(value, Is.EqualTo(new Dictionary<string, object?> { ["hello"] = "world" }));
    }

    [Test]
    public void Loads_NullContentType_TreatedAsApplicationDataAndDecodedAsText()
    {
        Assert.That(SerializerRegistry.CreateDefault().Loads("abc"u8.ToArray(), null, null), Is.EqualTo("abc"));
    }

    [Test]
    public void Loads_NullContentTypeWithAcceptList_IsTrusted()
    {
        var accept = new HashSet<string> { "application/json" };

        Assert.That(SerializerRegistry.CreateDefault().Loads("abc"u8.ToArray(), null, "binary", accept), Is.EqualTo("abc"u8.ToArray()));
    }

    [Test]
    public void Loads_BinaryEncoding_ReturnsBytesUnchanged()
    {
        var data = new byte[] { 0xFF, 0x01 };

        Assert.That(SerializerRegistry.CreateDefault().Loads(data, "application/data", "binary"), Is.SameAs(data));
    }

    [Test]
    public void Loads_Ascii8bitEncoding_ReturnsBytesUnchanged()
    {
        var data = new byte[] { 0xFF };

        Assert.That(SerializerRegistry.CreateDefault().Loads(data, "application/x-thing", "ASCII-8BIT"), Is.SameAs(data));
    }

    [Test]
    public void Loads_TextPlainLatin1_DecodesWithThatEncoding()
    {
        Assert.That(SerializerRegistry.CreateDefault().Loads([0xE9], "text/plain", "Latin-1"), Is.EqualTo("é"));
    }

    [Test]
    public void Loads_UnknownTextEncoding_ThrowsDecodeException()
    {
        Assert.That(() => SerializerRegistry.CreateDefault().Loads("a"u8.ToArray(), "text/plain", "klingon-8"),
            Throws.TypeOf<DecodeException>().With.Message.Contains("klingon-8"));
    }

    [Test]
    public void Loads_InvalidUtf8Text_ThrowsDecodeException()
    {
        Assert.That(() => SerializerRegistry.CreateDefault().Loads([0xFF], "text/plain", "utf-8"), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Loads_EmptyBody_ReturnsEmptyBytes()
    {
        Assert.That(SerializerRegistry.CreateDefault().Loads([], "application/json", "utf-8"), Is.EqualTo(Array.Empty<byte>()));
    }

    [Test]
    public void Loads_ContentTypeNotInAccept_ThrowsContentDisallowedWithKombuText()
    {
        var accept = new HashSet<string> { "application/json" };

        Assert.That(() => SerializerRegistry.CreateDefault().Loads("x"u8.ToArray(), "text/plain", "utf-8", accept),
            Throws.TypeOf<ContentDisallowedException>()
                .With.Message.EqualTo("Refusing to deserialize untrusted content of type text/plain (text/plain)"));
    }

    [Test]
    public void Loads_RegisteredTypeNotInAccept_NamesSerializerInMessage()
    {
        var accept = new HashSet<string> { "application/x-yaml" };

        Assert.That(() => SerializerRegistry.CreateDefault().Loads(JsonHello, "application/json", "utf-8", accept),
            Throws.TypeOf<ContentDisallowedException>()
                .With.Message.EqualTo("Refusing to deserialize untrusted content of type json (application/json)"));
    }

    [Test]
    public void Loads_ApplicationTextWithAccept_IsTrusted()
    {
        var accept = new HashSet<string> { "application/json" };

        Assert.That(SerializerRegistry.CreateDefault().Loads("hi"u8.ToArray(), "application/text", null, accept), Is.EqualTo("hi"));
    }

    [Test]
    public void Loads_DisabledTypeWithoutAccept_ThrowsContentDisallowedDisabled()
    {
        Assert.That(() => SerializerRegistry.CreateDefault().Loads("a: 1"u8.ToArray(), "application/x-yaml", "utf-8"),
            Throws.TypeOf<ContentDisallowedException>()
                .With.Message.EqualTo("Refusing to deserialize disabled content of type yaml (application/x-yaml)"));
    }

    [Test]
    public void Loads_DisabledTypeWithForce_Decodes()
    {
        Assert.That(SerializerRegistry.CreateDefault().Loads("a: 1"u8.ToArray(), "application/x-yaml", "utf-8", force: true),
            Is.EqualTo(new Dictionary<string, object?> { ["a"] = 1L }));
    }

    [Test]
    public void Loads_ForceWithAcceptList_StillRefusesUntrusted()
    {
        var accept = new HashSet<string> { "application/json" };

        Assert.That(() => SerializerRegistry.CreateDefault().Loads("x"u8.ToArray(), "text/plain", null, accept, force: true),
            Throws.TypeOf<ContentDisallowedException>());
    }

    [Test]
    public void Loads_DisabledTypeInAccept_Decodes()
    {
        var accept = new HashSet<string> { "application/x-yaml" };

        Assert.That(SerializerRegistry.CreateDefault().Loads("a: 1"u8.ToArray(), "application/x-yaml", "utf-8", accept),
            Is.EqualTo(new Dictionary<string, object?> { ["a"] = 1L }));
    }

    [Test]
    public void Loads_DecoderThrows_ThrowsDecodeExceptionKeepingBody()
    {
        var data = "{broken"u8.ToArray();

        var error = Assert.Throws<DecodeException>(() => SerializerRegistry.CreateDefault().Loads(data, "application/json", "utf-8"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("application/json"));
            Assert.That(error.InnerException, Is.Not.Null);
            Assert.That(error.Data[SerializerRegistry.BodyDataKey], Is.SameAs(data));
        });
    }

    [Test]
    public void PrepareAcceptContent_MixedAliasesAndTypes_ReturnsContentTypes()
    {
        var result = SerializerRegistry.CreateDefault().PrepareAcceptContent(["json", "application/x-yaml"]);

        Assert.That(result, Is.EquivalentTo(new[] { "application/json", "application/x-yaml" }));
    }

    [Test]
    public void PrepareAcceptContent_Null_ReturnsNull()
    {
        Assert.That(SerializerRegistry.CreateDefault().PrepareAcceptContent(null), Is.Null);
    }

    [Test]
    public void PrepareAcceptContent_UnknownAlias_ThrowsSerializerNotInstalled()
    {
        Assert.That(() => SerializerRegistry.CreateDefault().PrepareAcceptContent(["json", "bson"]),
            Throws.TypeOf<SerializerNotInstalledException>().With.Message.Contains("bson"));
    }

    [Test]
    public void Loads_Utf16WithByteOrderMark_DecodesText()
    {
        Assert.That(SerializerRegistry.CreateDefault().Loads([0xFE, 0xFF, 0x00, 0xE9], "text/plain", "UTF_16"), Is.EqualTo("é"));
    }
}

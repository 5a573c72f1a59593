using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Tests.Serialization;

[Category("Unit")]
public sealed class KombuMsgPackTests
{
    // msgpack.packb({'a': 1, 'b': [1, 2.5, 'x'], 'c': None, 'd': True, 'e': 'é'}, use_bin_type=True) (spec services.md §4).
    private const string PythonSample = "85A16101A1629301CB4004000000000000A178A163C0A164C3A165A2C3A9";

    private static Dictionary<string, object?> SampleValue() => new()
    {
        ["a"] = 1L, ["b"] = new List<object?> { 1L, 2.5, "x" }, ["c"] = null, ["d"] = true, ["e"] = "é",
    };

    [Test]
    public void Serialize_KombuSample_MatchesPythonBytes()
    {
        Assert.That(Convert.ToHexString(KombuMsgPack.Serialize(SampleValue())), Is.EqualTo(PythonSample));
    }

    [Test]
    public void Deserialize_PythonSample_YieldsPlainDictionary()
    {
        Assert.That(KombuMsgPack.Deserialize(Convert.FromHexString(PythonSample)), Is.EqualTo(SampleValue()));
    }

    [TestCase(0L, "00")]
    [TestCase(-32L, "E0")]
    [TestCase(200L, "CCC8")]
    [TestCase(-200L, "D1FF38")]
    [TestCase(70000L, "CE00011170")]
    public void Serialize_Integer_UsesSmallestEncoding(long value, string hex)
    {
        Assert.That(Convert.ToHexString(KombuMsgPack.Serialize(value)), Is.EqualTo(hex));
    }

    [Test]
    public void Serialize_TextAndBytes_WriteStrAndBin()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(KombuMsgPack.Serialize("ab")), Is.EqualTo("A26162"));
            Assert.That(Convert.ToHexString(KombuMsgPack.Serialize(new byte[] { 1, 2 })), Is.EqualTo("C4020102"));
            Assert.That(KombuMsgPack.Deserialize(Convert.FromHexString("C4020102")), Is.EqualTo(new byte[] { 1, 2 }));
        });
    }

    [Test]
    public void Serialize_DateTime_ThrowsEncodeExceptionAsPython()
    {
        Assert.That(() => KombuMsgPack.Serialize(DateTime.UnixEpoch), Throws.TypeOf<EncodeException>());
    }

    [TestCase("DDFFFFFFFF")]
    [TestCase("DFFFFFFFFF")]
    [TestCase("DBFFFFFFFF61")]
    [TestCase("C6FFFFFFFF00")]
    [TestCase("92A161")]
    [TestCase("A56162")]
    [TestCase("0101")]
    [TestCase("C1")]
    [TestCase("D50102FF")]
    public void Deserialize_MalformedOrHostile_ThrowsDecodeException(string hex)
    {

        Assert.That(() => KombuMsgPack.Deserialize(Convert.FromHexString(hex)), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Deserialize_DeeplyNestedArrays_ThrowsDecodeException()
    {
        var body = Enumerable.Repeat((byte)0x91, 100_000).Append((byte)0xC0).ToArray();

        Assert.That(() => KombuMsgPack.Deserialize(body), Throws.TypeOf<DecodeException>().With.Message.Contains("nested"));
    }
}

using System.Collections.Frozen;
using System.Numerics;
using System.Text;
using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Tests.Serialization;

[Category("Unit")]
public sealed class PythonPickleTests
{
    // pickle.dumps({'a': 1, 'b': [1, 2.5, 'x'], 'c': None, 'd': True, 'e': 'é'}) by Kombu 5 (spec services.md §4 wire dump).
    private static readonly byte[] KombuSample = Convert.FromHexString(
        "80049535000000000000007D94288C0161944B018C0162945D94284B014740040000000000008C017894658C0163944E8C016494888C0165948C02C3A994752E");

    [Test]
    public void Deserialize_KombuWireDumpSample_YieldsPlainDictionary()
    {
        var value = PythonPickle.Deserialize(KombuSample);

        Assert.That(value, Is.EqualTo(new Dictionary<string, object?>
        {
            ["a"] = 1L, ["b"] = new List<object?> { 1L, 2.5, "x" }, ["c"] = null, ["d"] = true, ["e"] = "é",
        }));
    }

    [TestCase(2)]
    [TestCase(4)]
    public void Serialize_EverySupportedType_RoundTrips(int protocol)
    {
        var value = new Dictionary<string, object?>
        {
            ["int"] = -5L, ["big"] = BigInteger.Pow(2, 100), ["float"] = double.NaN, ["text"] = "caf\u00e9 \U0001F600",
            ["bytes"] = new byte[] { 0, 255 }, ["empty bytes"] = Array.Empty<byte>(), ["tuple"] = new object?[] { 1L, "x" },
            ["list"] = new List<object?> { null, true }, ["set"] = new HashSet<object?> { 1L, 2L },
            ["naive"] = new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(60), ["aware"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(-330)),
            ["date"] = new DateOnly(2020, 5, 17), ["time"] = new TimeOnly(7, 8, 9), ["delta"] = TimeSpan.FromDays(-1.5),
            ["decimal"] = 3.14159m, ["uuid"] = Guid.Parse("12345678-1234-5678-9abc-def012345678"),
        };

        var back = (Dictionary<string, object?>)PythonPickle.Deserialize(PythonPickle.Serialize(value, protocol))!;

        Assert.Multiple(() =>
        {
            foreach (var (key, expected) in value)
                Assert.That(back[key], Is.EqualTo(expected), key);
            Assert.That(back["naive"], Is.TypeOf<DateTime>());
        });
    }

    [Test]
    public void Serialize_DefaultProtocol_WritesProtocol4()
    {
        Assert.That(PythonPickle.Serialize(1)[..2], Is.EqualTo(new byte[] { 0x80, 0x04 }));
    }

    [Test]
    public void Serialize_Protocol3_ThrowsEncodeException()
    {
        Assert.That(() => PythonPickle.Serialize(1, 3), Throws.TypeOf<EncodeException>().With.Message.Contains("2 or 4"));
    }

    [Test]
    public void Serialize_ArbitraryObject_ThrowsEncodeException()
    {
        Assert.That(() => PythonPickle.Serialize(new Uri("http://x")), Throws.TypeOf<EncodeException>().With.Message.Contains("Uri"));
    }

    [Test]
    public void Deserialize_FrozenSet_YieldsFrozenSet()
    {
        Assert.That(PythonPickle.Deserialize(Convert.FromHexString("8004950800000000000000284B014B0291942E")),
            Is.InstanceOf<FrozenSet<object?>>().And.EquivalentTo(new object?[] { 1L, 2L }));
    }

    [TestCase("cos\nsystem\n(S'echo pwned'\ntR.", "os.system")]
    [TestCase("\u0080\u0004\u008c\u0002os\u008c\u0006system\u0093\u008c\u0002id\u0085R.", "os.system")]
    [TestCase("\u0080\u0002cbuiltins\neval\nX\u0001\u0000\u0000\u00001\u0085R.", "builtins.eval")]
    [TestCase("(S'ls'\nios\nsystem\n.", "os.system")]
    [TestCase("\u0080\u0002csubprocess\nPopen\n)\u0081.", "subprocess.Popen")]
    [TestCase("\u0080\u0002cdatetime\ndate\n)\u0081.", "datetime.date (NEWOBJ)")]
    [TestCase("\u0080\u0002}}b.", "Dictionary`2 (BUILD)")]
    [TestCase("\u0080\u0002c__builtin__\nobject\n)R.", "builtins.object (REDUCE)")]
    public void Deserialize_ObjectBuildingOpcodes_RefusesNamingTheGlobal(string pickle, string named)
    {
        Assert.That(() => PythonPickle.Deserialize(Encoding.Latin1.GetBytes(pickle)),
            Throws.TypeOf<DecodeException>().With.Message.Contains("Refusing to unpickle " + named));
    }

    [TestCase("80048E" + "FFFFFFFFFFFFFF7F" + "2E", "length prefix")]
    [TestCase("800442" + "FFFFFFFF" + "2E", "length prefix")]
    [TestCase("80028B" + "FFFFFF7F" + "2E", "length prefix")]
    [TestCase("80049A", "unknown opcode")]
    [TestCase("80045D94", "truncated")]
    [TestCase("8002680500", "memo key 5")]
    [TestCase("8002612E", "stack underflow")]
    [TestCase("800597", "out-of-band")]
    [TestCase("80029E2E", "unknown opcode")]
    [TestCase("80024E", "no STOP")]
    public void Deserialize_MalformedOrHostile_ThrowsDecodeException(string hex, string message)
    {

        Assert.That(() => PythonPickle.Deserialize(Convert.FromHexString(hex)),
            Throws.TypeOf<DecodeException>().With.Message.Contains(message));
    }

    [Test]
    public void Deserialize_DeeplyNestedLists_ThrowsDecodeExceptionInsteadOfOverflowing()
    {
        var body = new List<byte> { 0x80, 0x02 };
        body.AddRange(Enumerable.Repeat((byte)']', 100_000));
        body.AddRange(Enumerable.Repeat((byte)'a', 99_999));
        body.Add((byte)'.');

        Assert.That(() => PythonPickle.Deserialize([.. body]), Throws.TypeOf<DecodeException>().With.Message.Contains("nested"));
    }

    [Test]
    public void Deserialize_TruncatedValidPickle_ThrowsDecodeException()
    {
        var body = PythonPickle.Serialize(new List<object?> { "some text", 12345L, new byte[100] });

        Assert.That(() => PythonPickle.Deserialize(body[..(body.Length - 10)]), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Loads_PickleWithoutAccept_IsRefusedAsDisabled()
    {
        Assert.That(() => Serializers.Loads(KombuSample, ContentTypes.Pickle, "binary"),
            Throws.TypeOf<ContentDisallowedException>().With.Message.Contains("disabled"));
    }

    [Test]
    public void Loads_RefusedGlobalThroughRegistry_ThrowsDecodeException()
    {
        var accept = new HashSet<string> { ContentTypes.Pickle };

        Assert.That(() => Serializers.Loads("cos\nsystem\n(S'id'\ntR."u8.ToArray(), ContentTypes.Pickle, "binary", accept),
            Throws.TypeOf<DecodeException>().With.Message.Contains("os.system"));
    }
}

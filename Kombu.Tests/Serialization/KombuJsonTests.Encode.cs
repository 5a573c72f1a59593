using System.Collections;
using System.Numerics;
using System.Text;
using Kombu.Exceptions;
using Kombu.Serialization;
using Newtonsoft.Json.Linq;

// Directory.Build.props reads IsShipped before Kombu.Tests.csproj sets it, so tests inherit the XML-doc rule.

namespace Kombu.Tests.Serialization;

[Category("Unit")]
public sealed partial class KombuJsonTests
{
    private enum Colour
    {
        Red = 1,
        Blue = 7,
    }

    private enum Huge : ulong
    {
        Max = ulong.MaxValue,
    }

    private sealed record Point(int X, int Y);

    private sealed class Poco
    {
        public string Name { get; set; } = "n";
        public DateTime When { get; set; } = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        public Guid Id { get; set; } = Guid.Parse("12345678-1234-5678-1234-567812345678");
        public decimal Price { get; set; } = 1.10m;
        public TimeSpan Span { get; set; } = TimeSpan.FromMinutes(90);
    }

    [Test]
    public void Serialize_NonAsciiText_EscapesAsPythonDoes()
    {
        Assert.That(KombuJson.Serialize("é€😀"), Is.EqualTo("\"\\u00e9\\u20ac\\ud83d\\ude00\""));
    }

    [Test]
    public void Serialize_ControlAndSeparatorCharacters_EscapesAsPythonDoes()
    {
        // Python: json.dumps({"\x7f": "\x7f\n\t\u2028<>&'\ud800\x01\"\\/"})
        var json = KombuJson.Serialize(new Dictionary<string, object?> { ["\x7f"] = "\x7f\n\t\u2028<>&'\ud800\x01\"\\/" });

        Assert.That(json, Is.EqualTo("{\"\\u007f\":\"\\u007f\\n\\t\\u2028<>&'\\ud800\\u0001\\\"\\\\/\"}"));
    }

    [Test]
    public void Serialize_SpecialFloats_WritesBareTokens()
    {
        var json = KombuJson.Serialize(new object?[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity });

        Assert.That(json, Is.EqualTo("[NaN,Infinity,-Infinity]"));
    }

    [Test]
    public void Serialize_Floats_WritesPythonRepr()
    {
        var json = KombuJson.Serialize(new object?[] { 1e16, 1e15, 0.0001, 1e-5, 1.5, -0.0, 123456789.125, 1e300, 2.5e-300, 0.1, 1.0, 0.1f });

        Assert.That(json, Is.EqualTo(
            "[1e+16,1000000000000000.0,0.0001,1e-05,1.5,-0.0,123456789.125,1e+300,2.5e-300,0.1,1.0,0.1]"));
    }

    [Test]
    public void Serialize_Integers_WritesAllWidthsAndBigIntegers()
    {
        var json = KombuJson.Serialize(new object?[]
        {
            (byte)1, (sbyte)-2, (short)3, (ushort)4, 5, 6u, 7L, ulong.MaxValue,
            BigInteger.Parse("123456789012345678901234567890"), Int128.MinValue,
        });

        Assert.That(json, Is.EqualTo(
            "[1,-2,3,4,5,6,7,18446744073709551615,123456789012345678901234567890,-170141183460469231731687303715884105728]"));
    }

    [Test]
    public void Serialize_Primitives_WritesJsonLiterals()
    {
        Assert.That(KombuJson.Serialize(new object?[] { null, true, false, "s", 'c' }), Is.EqualTo("[null,true,false,\"s\",\"c\"]"));
    }

    [Test]
    public void Serialize_Decimal_WritesTypedInvariantString()
    {
        Assert.That(KombuJson.Serialize(1.10m), Is.EqualTo("{\"__type__\":\"decimal\",\"__value__\":\"1.10\"}"));
    }

    [Test]
    public void Serialize_UtcDateTimeWithMicroseconds_WritesAwareIsoformat()
    {
        var value = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(6789010);

        Assert.That(KombuJson.Serialize(value),
            Is.EqualTo("{\"__type__\":\"datetime\",\"__value__\":\"2024-01-02T03:04:05.678901+00:00\"}"));
    }

    [Test]
    public void Serialize_UnspecifiedDateTime_WritesNaiveIsoformatWithoutFraction()
    {
        var value = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);

        Assert.That(KombuJson.Serialize(value), Is.EqualTo("{\"__type__\":\"datetime\",\"__value__\":\"2024-01-02T03:04:05\"}"));
    }

    [Test]
    public void Serialize_LocalDateTime_WritesLocalOffset()
    {
        var value = new DateTime(2024, 7, 1, 12, 0, 0, DateTimeKind.Local);
        var offset = TimeZoneInfo.Local.GetUtcOffset(value);
        var expected = new DateTimeOffset(value.Ticks, offset);

        var decoded = KombuJson.Deserialize(KombuJson.Serialize(value));

        Assert.That(decoded, Is.EqualTo(expected).And.TypeOf<DateTimeOffset>());
    }

    [Test]
    public void Serialize_DateTimeOffsetNegative_WritesSignedOffset()
    {
        var value = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5.5));

        Assert.That(KombuJson.Serialize(value),
            Is.EqualTo("{\"__type__\":\"datetime\",\"__value__\":\"2024-01-02T03:04:05-05:30\"}"));
    }

    [Test]
    public void Serialize_DateAndTime_WritesIsoformat()
    {
        var json = KombuJson.Serialize(new object[] { new DateOnly(2024, 1, 2), new TimeOnly(3, 4, 5), new TimeOnly(3, 4, 5, 6, 7) });

        Assert.That(json, Is.EqualTo(
            "[{\"__type__\":\"date\",\"__value__\":\"2024-01-02\"},{\"__type__\":\"time\",\"__value__\":\"03:04:05\"}," +
            "{\"__type__\":\"time\",\"__value__\":\"03:04:05.006007\"}]"));
    }

    [Test]
    public void Serialize_Guid_WritesHexObject()
    {
        var json = KombuJson.Serialize(Guid.Parse("12345678-1234-5678-1234-567812345678"));

        Assert.That(json, Is.EqualTo("{\"__type__\":\"uuid\",\"__value__\":{\"hex\":\"12345678123456781234567812345678\"}}"));
    }

    [Test]
    public void Serialize_Utf8Bytes_WritesBytesMarker()
    {
        Assert.That(KombuJson.Serialize("abc"u8.ToArray()), Is.EqualTo("{\"__type__\":\"bytes\",\"__value__\":\"abc\"}"));
    }

    [Test]
    public void Serialize_InvalidUtf8Bytes_WritesBase64Marker()
    {
        Assert.That(KombuJson.Serialize(new ReadOnlyMemory<byte>([0xFF, 0x00])),
            Is.EqualTo("{\"__type__\":\"base64\",\"__value__\":\"/wA=\"}"));
    }

    [Test]
    public void Serialize_DictionaryKeys_ConvertedAsPython()
    {
        var json = KombuJson.Serialize(new Hashtable { [true] = 1 }) + KombuJson.Serialize(new Dictionary<object, int>
        {
            [false] = 1, [5] = 2, [1.0] = 3, [1e16] = 4, [Colour.Blue] = 5,
        });

        Assert.That(json, Is.EqualTo("{\"true\":1}{\"false\":1,\"5\":2,\"1.0\":3,\"1e+16\":4,\"7\":5}"));
    }

    [Test]
    public void Serialize_UnsupportedKey_ThrowsEncodeException()
    {
        Assert.That(() => KombuJson.Serialize(new Dictionary<Guid, int> { [Guid.Empty] = 1 }), Throws.TypeOf<EncodeException>());
    }

    [Test]
    public void Serialize_Enums_WritesUnderlyingNumber()
    {
        Assert.That(KombuJson.Serialize(new object[] { Colour.Red, Huge.Max }), Is.EqualTo("[1,18446744073709551615]"));
    }

    [Test]
    public void Serialize_Sequences_WritesArrays()
    {
        var json = KombuJson.Serialize(new object[] { new List<int> { 1, 2 }, new HashSet<string> { "a" }, (int[])[3], new Queue<long>([4L]) });

        Assert.That(json, Is.EqualTo("[[1,2],[\"a\"],[3],[4]]"));
    }

    [Test]
    public void Serialize_NestedDictionary_KeepsInsertionOrder()
    {
        var value = new Dictionary<string, object?> { ["z"] = 1, ["a"] = new Dictionary<string, object?> { ["y"] = null, ["b"] = "x" } };

        Assert.That(KombuJson.Serialize(value), Is.EqualTo("{\"z\":1,\"a\":{\"y\":null,\"b\":\"x\"}}"));
    }

    [Test]
    public void Serialize_JTokens_WritesWithKombuRules()
    {
        var token = new JObject { ["a"] = new JArray(1, 2.5, "é"), ["d"] = new JValue(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc)) };

        Assert.That(KombuJson.Serialize(token), Is.EqualTo(
            "{\"a\":[1,2.5,\"\\u00e9\"],\"d\":{\"__type__\":\"datetime\",\"__value__\":\"2024-01-02T00:00:00+00:00\"}}"));
    }

    [Test]
    public void Serialize_Poco_WritesPropertiesWithTypedValues()
    {
        var json = KombuJson.Serialize(new Poco());

        Assert.That(json, Is.EqualTo(
            "{\"Name\":\"n\",\"When\":{\"__type__\":\"datetime\",\"__value__\":\"2024-01-02T03:04:05+00:00\"}," +
            "\"Id\":{\"__type__\":\"uuid\",\"__value__\":{\"hex\":\"12345678123456781234567812345678\"}}," +
            "\"Price\":{\"__type__\":\"decimal\",\"__value__\":\"1.10\"},\"Span\":\"01:30:00\"}"));
    }

    [Test]
    public void Serialize_AnonymousTypeAndRecord_WritesObjects()
    {
        var json = KombuJson.Serialize(new { a = 1, p = new Point(2, 3) });

        Assert.That(json, Is.EqualTo("{\"a\":1,\"p\":{\"X\":2,\"Y\":3}}"));
    }

    [Test]
    public void Serialize_CircularList_ThrowsEncodeException()
    {
        var list = new List<object?>();
        list.Add(list);

        Assert.That(() => KombuJson.Serialize(list), Throws.TypeOf<EncodeException>());
    }

    [Test]
    public void SerializeToUtf8Bytes_Value_EqualsUtf8OfSerialize()
    {
        var value = new Dictionary<string, object?> { ["k"] = "é€😀", ["n"] = new List<object?> { 1, 2.5, null } };

        Assert.That(KombuJson.SerializeToUtf8Bytes(value), Is.EqualTo(Encoding.UTF8.GetBytes(KombuJson.Serialize(value))));
    }

    [Test]
    public void SerializeToUtf8Bytes_LargeValue_RoundTrips()
    {
        var text = new string('x', 200_000);

        Assert.That(KombuJson.Deserialize(KombuJson.SerializeToUtf8Bytes(text)), Is.EqualTo(text));
    }

    [Test]
    public void RegisterType_MarkedType_RoundTrips()
    {
        KombuJson.RegisterType<Version>("kombu-net-test-version", v => v.ToString(), v => Version.Parse((string)v!));

        var decoded = KombuJson.Deserialize(KombuJson.Serialize(new List<object?> { new Version(1, 2, 3) }));

        Assert.That(decoded, Is.EqualTo(new List<object?> { new Version(1, 2, 3) }));
    }

    [Test]
    public void RegisterType_BuiltInMarker_ThrowsArgumentException()
    {
        Assert.That(() => KombuJson.RegisterType<Uri>("uuid", u => u.ToString()), Throws.ArgumentException);
    }
}

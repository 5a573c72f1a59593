using System.Numerics;
using Kombu.Exceptions;
using Kombu.Serialization;
using Newtonsoft.Json;

// Directory.Build.props reads IsShipped before Kombu.Tests.csproj sets it, so tests inherit the XML-doc rule.

namespace Kombu.Tests.Serialization;

public sealed partial class KombuJsonTests
{
    // "Verified output" of spec §2.2, captured from Python kombu.
    private const string VerifiedOutput = """
        {"dt": {"__type__": "datetime", "__value__": "2024-01-02T03:04:05.678901+00:00"},
         "d": {"__type__": "date", "__value__": "2024-01-02"},
         "t": {"__type__": "time", "__value__": "03:04:05"},
         "dec": {"__type__": "decimal", "__value__": "1.10"},
         "u": {"__type__": "uuid", "__value__": {"hex": "12345678123456781234567812345678"}},
         "b": {"__type__": "bytes", "__value__": "abc"},
         "b64": {"__type__": "base64", "__value__": "/wA="},
         "naive": {"__type__": "datetime", "__value__": "2024-01-02T03:04:05"}}
        """;

    [Test]
    public void Deserialize_VerifiedOutput_DecodesEveryTypedValue()
    {
        var map = (Dictionary<string, object?>)KombuJson.Deserialize(VerifiedOutput)!;

        Assert.Multiple(() =>
        {
            Assert.That(map.Keys, Is.EqualTo(new[] { "dt", "d", "t", "dec", "u", "b", "b64", "naive" }));
            Assert.That(map["dt"], Is.EqualTo(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(6789010))
                .And.TypeOf<DateTimeOffset>());
            Assert.That(map["d"], Is.EqualTo(new DateOnly(2024, 1, 2)));
            Assert.That(map["t"], Is.EqualTo(new TimeOnly(3, 4, 5)));
            Assert.That(map["dec"], Is.TypeOf<decimal>());
            Assert.That(((decimal)map["dec"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("1.10"));
            Assert.That(map["u"], Is.EqualTo(Guid.Parse("12345678-1234-5678-1234-567812345678")));
            Assert.That(map["b"], Is.EqualTo("abc"u8.ToArray()));
            Assert.That(map["b64"], Is.EqualTo(new byte[] { 0xFF, 0x00 }));
            Assert.That(map["naive"], Is.EqualTo(new DateTime(2024, 1, 2, 3, 4, 5)).And.TypeOf<DateTime>());
            Assert.That(((DateTime)map["naive"]!).Kind, Is.EqualTo(DateTimeKind.Unspecified));
        });
    }

    [Test]
    public void Serialize_VerifiedValues_MatchesVerifiedOutputWithCompactSeparators()
    {
        var value = new Dictionary<string, object?>
        {
            ["dt"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(6789010),
            ["d"] = new DateOnly(2024, 1, 2),
            ["t"] = new TimeOnly(3, 4, 5),
            ["dec"] = 1.10m,
            ["u"] = Guid.Parse("12345678-1234-5678-1234-567812345678"),
            ["b"] = "abc"u8.ToArray(),
            ["b64"] = new byte[] { 0xFF, 0x00 },
            ["naive"] = new DateTime(2024, 1, 2, 3, 4, 5),
        };
        var expected = VerifiedOutput.Replace("\n", "", StringComparison.Ordinal)
            .Replace(", ", ",", StringComparison.Ordinal).Replace(": ", ":", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

        Assert.That(KombuJson.Serialize(value), Is.EqualTo(expected));
    }

    [Test]
    public void Deserialize_PlainValues_ReturnsPlainDotNetTypes()
    {
        var list = (List<object?>)KombuJson.Deserialize("""[1, 2.5, "s", true, null, {"a": []}, 123456789012345678901234567890, 1e400]""")!;

        Assert.Multiple(() =>
        {
            Assert.That(list[0], Is.EqualTo(1L).And.TypeOf<long>());
            Assert.That(list[1], Is.EqualTo(2.5).And.TypeOf<double>());
            Assert.That(list[2], Is.EqualTo("s"));
            Assert.That(list[3], Is.EqualTo(true));
            Assert.That(list[4], Is.Null);
            Assert.That(list[5], Is.EqualTo(new Dictionary<string, object?> { ["a"] = new List<object?>() }));
            Assert.That(list[6], Is.EqualTo(BigInteger.Parse("123456789012345678901234567890")));
            Assert.That(list[7], Is.EqualTo(double.PositiveInfinity));
        });
    }

    [Test]
    public void Deserialize_NamedFloatLiterals_ReturnsSpecialDoubles()
    {
        Assert.That(KombuJson.Deserialize("[NaN, Infinity, -Infinity]"),
            Is.EqualTo(new List<object?> { double.NaN, double.PositiveInfinity, double.NegativeInfinity }));
    }

    [Test]
    public void Deserialize_SurrogatePairEscapes_ReturnsAstralCharacter()
    {
        Assert.That(KombuJson.Deserialize("\"\\u00e9\\u20ac\\ud83d\\ude00\""), Is.EqualTo("é€😀"));
    }

    [Test]
    public void Deserialize_DateLikeString_StaysString()
    {
        Assert.That(KombuJson.Deserialize("\"2024-01-02T03:04:05Z\""), Is.EqualTo("2024-01-02T03:04:05Z"));
    }

    [Test]
    public void Deserialize_Utf8BytesWithBom_DecodesText()
    {
        Assert.That(KombuJson.Deserialize((byte[])[0xEF, 0xBB, 0xBF, .. "{\"k\": \"é\"}"u8]), Is.EqualTo(new Dictionary<string, object?> { ["k"] = "é" }));
    }

    [Test]
    public void Deserialize_InvalidUtf8_ThrowsDecodeException()
    {
        Assert.That(() => KombuJson.Deserialize(new byte[] { 0x22, 0xFF, 0x22 }), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Deserialize_UnknownTypeMarker_ThrowsDecodeException()
    {
        Assert.That(() => KombuJson.Deserialize("""{"__type__": "set", "__value__": [1]}"""),
            Throws.TypeOf<DecodeException>().With.Message.Contains("set"));
    }

    [Test]
    public void Deserialize_MarkerWithExtraKey_StaysDictionary()
    {
        var value = KombuJson.Deserialize("""{"__type__": "set", "__value__": [1], "x": 1}""");

        Assert.That(value, Is.TypeOf<Dictionary<string, object?>>().And.Count.EqualTo(3));
    }

    [Test]
    public void Deserialize_DecimalOutOfRange_ThrowsDecodeException()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => KombuJson.Deserialize("""{"__type__": "decimal", "__value__": "1E+400"}"""), Throws.TypeOf<DecodeException>());
            Assert.That(() => KombuJson.Deserialize("""{"__type__": "decimal", "__value__": "NaN"}"""), Throws.TypeOf<DecodeException>());
        });
    }

    [Test]
    public void Deserialize_DecimalExponent_ReturnsValue()
    {
        Assert.That(KombuJson.Deserialize("""{"__type__": "decimal", "__value__": "1E+2"}"""), Is.EqualTo(100m));
    }

    [Test]
    public void Deserialize_UuidWithVersion_ReturnsGuid()
    {
        var value = KombuJson.Deserialize("""{"__type__": "uuid", "__value__": {"hex": "6ba7b8109dad11d180b400c04fd430c8", "version": 1}}""");

        Assert.That(value, Is.EqualTo(Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")));
    }

    [Test]
    public void Deserialize_UuidVersionDiffersFromHex_OverwritesVersionBitsAsPython()
    {
        var value = KombuJson.Deserialize("""{"__type__": "uuid", "__value__": {"hex": "12345678123456781234567812345678", "version": 4}}""");

        Assert.That(value, Is.EqualTo(Guid.Parse("12345678-1234-4678-9234-567812345678")));
    }

    [Test]
    public void Deserialize_AwareTimeAndOffsets_ParsesPythonForms()
    {
        var list = (List<object?>)KombuJson.Deserialize("""
            [{"__type__": "datetime", "__value__": "2024-01-02 03:04:05.5-05:30"},
             {"__type__": "datetime", "__value__": "2024-01-02T03:04:05Z"},
             {"__type__": "datetime", "__value__": "2024-01-02"},
             {"__type__": "time", "__value__": "03:04:05.000001+01:00"}]
            """)!;

        Assert.Multiple(() =>
        {
            Assert.That(list[0], Is.EqualTo(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.FromMinutes(-330))));
            Assert.That(list[1], Is.EqualTo(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            Assert.That(list[2], Is.EqualTo(new DateTime(2024, 1, 2)));
            Assert.That(list[3], Is.EqualTo(new TimeOnly(3, 4, 5, 0, 1)));
        });
    }

    [Test]
    public void Deserialize_InvalidDatetime_ThrowsDecodeException()
    {
        Assert.That(() => KombuJson.Deserialize("""{"__type__": "datetime", "__value__": "2024-13-02T03:04:05"}"""),
            Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Deserialize_TrailingData_ThrowsDecodeException()
    {
        Assert.That(() => KombuJson.Deserialize("{} {}"), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Deserialize_Truncated_ThrowsDecodeException()
    {
        Assert.That(() => KombuJson.Deserialize("{\"a\": [1, 2"), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Deserialize_Empty_ThrowsDecodeException()
    {
        Assert.That(() => KombuJson.Deserialize("  "), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void ReadValue_EmbeddedInDocument_ReadsOnlyThatValue()
    {
        using var input = new StringReader("""{"body": {"__type__": "date", "__value__": "2024-01-02"}, "next": 1}""");
        using var reader = KombuJson.CreateReader(input);
        reader.Read();
        reader.Read();

        var body = KombuJson.ReadValue(reader);
        reader.Read();

        Assert.Multiple(() =>
        {
            Assert.That(body, Is.EqualTo(new DateOnly(2024, 1, 2)));
            Assert.That(reader.Value, Is.EqualTo("next"));
        });
    }

    [Test]
    public void WriteValue_EmbeddedInDocument_WritesKombuJson()
    {
        using var output = new StringWriter();
        using (var writer = KombuJson.CreateWriter(output))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("when");
            KombuJson.WriteValue(writer, new DateOnly(2024, 1, 2));
            writer.WriteEndObject();
        }

        Assert.That(output.ToString(), Is.EqualTo("{\"when\":{\"__type__\":\"date\",\"__value__\":\"2024-01-02\"}}"));
    }

    [Test]
    public void RoundTrip_MixedValue_PreservesValues()
    {
        var value = new Dictionary<string, object?>
        {
            ["s"] = "é€😀\n\"", ["i"] = long.MinValue, ["f"] = -1.25e-7, ["l"] = new List<object?> { true, null },
            ["g"] = Guid.NewGuid(), ["m"] = -79228162514264337593543950335m, ["bytes"] = new byte[] { 1, 2, 0xC3 },
        };

        Assert.That(KombuJson.Deserialize(KombuJson.Serialize(value)), Is.EqualTo(value));
    }

    [Test]
    public void CreateWriter_Output_IsNotClosedWithWriter()
    {
        using var output = new StringWriter();
        using (var writer = KombuJson.CreateWriter(output))
            writer.WriteValue(1);
        output.Write('!');

        Assert.That(output.ToString(), Is.EqualTo("1!"));
    }

    [Test]
    public void CreateReader_Settings_DisableDateParsing()
    {
        using var reader = KombuJson.CreateReader(new StringReader("1"));

        Assert.That(reader.DateParseHandling, Is.EqualTo(DateParseHandling.None));
    }
}

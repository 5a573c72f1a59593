using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Tests.Serialization;

/// <content>Writing as Kombu 5.2's encoder does (<see cref="JsonCompatibility.Kombu52"/>).</content>
public sealed partial class KombuJsonTests
{
    private sealed record Money(decimal Amount, string Currency);

    [Test]
    public void Serialize_Kombu52_DateTimesAsIsoTextWithZForUtc()
    {
        var json = KombuJson.Serialize(new object?[]
        {
            new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_560),
            new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromMinutes(-330)),
            new DateTime(2024, 2, 29, 13, 45, 30, DateTimeKind.Unspecified),
        }, JsonCompatibility.Kombu52);

        Assert.That(json, Is.EqualTo(
            "[\"2024-01-02T03:04:05Z\",\"2024-01-02T03:04:05.123456Z\",\"1999-12-31T23:59:59-05:30\",\"2024-02-29T13:45:30\"]"));
    }

    [Test]
    public void Serialize_Kombu52_DateAsMidnightAndTimeAsIsoText()
    {
        var json = KombuJson.Serialize(new object?[] { new DateOnly(2020, 5, 17), new TimeOnly(7, 8, 9).Add(TimeSpan.FromTicks(100)) },
            JsonCompatibility.Kombu52);

        Assert.That(json, Is.EqualTo("[\"2020-05-17T00:00:00\",\"07:08:09.000010\"]"));
    }

    [Test]
    public void Serialize_Kombu52_GuidAndDecimalsAsPythonText()
    {
        var json = KombuJson.Serialize(new object?[] { Guid.Parse("12345678-1234-5678-1234-56781234ABCD"), 1.50m, -0.0000001m, 0.00000000m },
            JsonCompatibility.Kombu52);

        Assert.That(json, Is.EqualTo("[\"12345678-1234-5678-1234-56781234abcd\",\"1.50\",\"-1E-7\",\"0E-8\"]"));
    }

    [Test]
    public void Serialize_Kombu52_BytesThrowEncodeExceptionAsKombu52Does()
    {
        Assert.That(() => KombuJson.Serialize(new Dictionary<string, object?> { ["b"] = new byte[] { 1, 2 } }, JsonCompatibility.Kombu52),
            Throws.TypeOf<EncodeException>().With.Message.Contains("Kombu 5.2"));
    }

    [Test]
    public void Serialize_Kombu52_RegisteredTypeWrittenWithoutItsMarker()
    {
        KombuJson.RegisterType<Money>("kombu-net-test-money", m => new object?[] { m.Amount, m.Currency });

        var plain = KombuJson.Serialize(new Money(2.5m, "EUR"), JsonCompatibility.Kombu52);
        var marked = KombuJson.Serialize(new Money(2.5m, "EUR"));

        Assert.That(plain, Is.EqualTo("[\"2.5\",\"EUR\"]"));
        Assert.That(marked, Does.StartWith("{\"__type__\":\"kombu-net-test-money\""));
    }

    [Test]
    public void Serialize_Kombu53_TinyDecimalsInPythonScientificNotation()
    {
        var json = KombuJson.Serialize(new object?[] { 0.0000012m, 0.000001m });

        Assert.That(json, Is.EqualTo(
            "[{\"__type__\":\"decimal\",\"__value__\":\"0.0000012\"},{\"__type__\":\"decimal\",\"__value__\":\"0.000001\"}]"));
        Assert.That(KombuJson.Serialize(0.00000012m), Is.EqualTo("{\"__type__\":\"decimal\",\"__value__\":\"1.2E-7\"}"));
        Assert.That(KombuJson.Deserialize(KombuJson.Serialize(0.00000012m)), Is.EqualTo(0.00000012m));
    }

    [Test]
    public void Dumps_RegistryAtKombu52_JsonSerializerWritesPlainText()
    {
        var registry = SerializerRegistry.CreateDefault();
        registry.JsonCompatibility = JsonCompatibility.Kombu52;

        var body = registry.Dumps(new Dictionary<string, object?> { ["eta"] = new DateTime(2030, 6, 7, 8, 9, 10, DateTimeKind.Utc) });

        Assert.That(System.Text.Encoding.UTF8.GetString(body.Data), Is.EqualTo("{\"eta\":\"2030-06-07T08:09:10Z\"}"));
        Assert.That(body.ContentType, Is.EqualTo("application/json"));
    }

    [Test]
    public void JsonCompatibility_UndefinedValue_ThrowsArgumentOutOfRange()
    {
        var registry = SerializerRegistry.CreateDefault();

        Assert.That(() => registry.JsonCompatibility = (JsonCompatibility)7, Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}

using Kombu.Exceptions;
using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Interop;

/// <summary>JSON written at <see cref="JsonCompatibility.Kombu52"/>, read by Kombu 5.2.4 (Debian's python3-kombu).</summary>
[TestFixture]
[Category("Unit")]
public sealed class JsonCompatibilityInteropTests
{
    private static readonly Dictionary<string, object?> Corpus = new(StringComparer.Ordinal)
    {
        ["utc_datetime"] = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        ["utc_datetime_micro"] = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560),
        ["offset_datetime"] = new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromMinutes(-330)).AddTicks(9_999_990),
        ["naive_datetime"] = new DateTime(2024, 2, 29, 13, 45, 30, DateTimeKind.Unspecified).AddTicks(1_234_560),
        ["date"] = new DateOnly(2020, 5, 17),
        ["time"] = new TimeOnly(7, 8, 9).Add(TimeSpan.FromTicks(100)),
        ["uuid"] = Guid.Parse("12345678-1234-5678-1234-567812345678"),
        ["decimals"] = new object?[] { 1.50m, -0.0000001m, 0.00000000m, 12345678901234567890.123m, 100m, 0.000001m, 0.000000000012m },
        ["nested"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["when"] = new object?[] { new DateOnly(2021, 3, 4), Guid.Parse("00000000-0000-0000-0000-0000000000ff") },
            ["n"] = 1,
            ["eta"] = new DateTimeOffset(2030, 6, 7, 8, 9, 10, TimeSpan.Zero),
        },
        ["bytes"] = "raw bytes"u8.ToArray(),
    };

    [Test]
    public void Serialize_Kombu52_Kombu524ReadsWhatItsOwnEncoderWrites()
    {
        var ours = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in Corpus)
        {
            try
            {
                ours[name] = KombuJson.Serialize(value, JsonCompatibility.Kombu52);
            }
            catch (EncodeException)
            {
                ours[name] = new Dictionary<string, object?> { ["error"] = "TypeError" };
            }
        }

        var output = (IDictionary<string, object?>)KombuJson.Deserialize(
            PythonPeer.Run("json_compat_peer.py", [], stdin: KombuJson.Serialize(ours)))!;
        var results = (IDictionary<string, object?>)output["results"]!;

        Assert.That(output["kombu"], Is.EqualTo("5.2.4"));
        Assert.That(results.Keys, Is.EquivalentTo(Corpus.Keys));
        Assert.Multiple(() =>
        {
            foreach (var (name, result) in results)
            {
                var r = (IDictionary<string, object?>)result!;
                Assert.That(r["equal"], Is.True, $"{name}: ours {KombuJson.Serialize(r["ours"])}, Kombu 5.2 {KombuJson.Serialize(r["expected"])}");
            }
        });
    }

    [Test]
    public void Serialize_Kombu53_Kombu524ReadsMarkersAsDictionaries()
    {
        var json = KombuJson.Serialize(Corpus["utc_datetime"]);

        var output = (IDictionary<string, object?>)KombuJson.Deserialize(
            PythonPeer.Run("json_compat_peer.py", [], stdin: KombuJson.Serialize(new Dictionary<string, object?> { ["utc_datetime"] = json })))!;
        var result = (IDictionary<string, object?>)((IDictionary<string, object?>)output["results"]!)["utc_datetime"]!;

        Assert.That(result["equal"], Is.False);
        Assert.That(result["ours_type"], Is.EqualTo("dict"), "the reason the compatibility level exists");
    }
}

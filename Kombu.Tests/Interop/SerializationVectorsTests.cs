using System.Text.Json;
using System.Text.Json.Nodes;
using Kombu.Compression;
using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Interop;

/// <summary>Our serializers and compressions against Kombu 5's own, with vectors Python generates at test time.</summary>
[TestFixture]
[Category("Unit")]
public sealed class SerializationVectorsTests
{
    private const string Script = "serialization_vectors.py";
    private JsonArray _cases = null!;

    [OneTimeSetUp]
    public void GenerateVectors()
    {
        var output = PythonPeer.Run(Script, ["encode"], TimeSpan.FromSeconds(120));
        _cases = JsonNode.Parse(output)!["cases"]!.AsArray();
    }

    [TestCase("json", null)]
    [TestCase("yaml", null)]
    [TestCase("msgpack", null)]
    [TestCase("pickle", 0)]
    [TestCase("pickle", 2)]
    [TestCase("pickle", 4)]
    [TestCase("pickle", 5)]
    public void Loads_PythonEncodedVectors_YieldsPythonsValues(string serializer, int? protocol)
    {
        var cases = Select(serializer, protocol);

        Assert.That(cases, Has.Count.EqualTo(6), "one case per compression (none, zlib, bzip2, lzma, brotli, zstd)");
        Assert.Multiple(() =>
        {
            foreach (var c in cases)
            {
                var actual = SerializationVectorDescriber.Canonical(SerializationVectorDescriber.Describe(Decode(c)));
                Assert.That(actual, Is.EqualTo(SerializationVectorDescriber.Canonical(c["expected"])), Label(c));
            }
        });
    }

    [TestCase("json", null, null)]
    [TestCase("yaml", null, null)]
    [TestCase("msgpack", null, null)]
    [TestCase("pickle", 2, 2)]
    [TestCase("pickle", 4, 4)]
    [TestCase("pickle", 5, 2)]
    [TestCase("pickle", 0, 4)]
    public void Dumps_ValuesPythonDecodes_EqualPythonsOriginals(string serializer, int? sourceProtocol, int? ourProtocol)
    {
        var ours = new JsonArray();
        foreach (var c in Select(serializer, sourceProtocol))
        {
            var value = Decode(c);
            var body = ourProtocol is { } p ? PythonPickle.Serialize(value, p) : Serializers.Dumps(value, serializer).Data;
            var method = (string?)c["compression"];
            if (method is not null)
                body = Compressors.Compress(body, method).Body;
            ours.Add(new JsonObject
            {
                ["content_type"] = (string?)c["content_type"],
                ["content_encoding"] = (string?)c["content_encoding"],
                ["compression"] = method,
                ["payload"] = Convert.ToBase64String(body),
                ["expected"] = c["expected"]!.DeepClone(),
            });
        }

        var output = PythonPeer.Run(Script, ["decode"], TimeSpan.FromSeconds(120), new JsonObject { ["cases"] = ours }.ToJsonString());

        var results = JsonNode.Parse(output)!["results"]!.AsArray();
        Assert.That(results, Has.Count.EqualTo(ours.Count));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < results.Count; i++)
                Assert.That((bool)results[i]!["ok"]!, Is.True, $"{serializer}/{ours[i]!["compression"]}: {results[i]!.ToJsonString()}");
        });
    }

    [Test]
    public void Decompress_OurStoredXzFallback_PythonLzmaDecodesIt()
    {
        var data = Enumerable.Range(0, 150_000).Select(static i => (byte)(i % 251)).ToArray();
        var cases = new JsonArray(new JsonObject
        {
            ["content_type"] = ContentTypes.Data,
            ["content_encoding"] = "binary",
            ["compression"] = Compressors.Lzma,
            ["payload"] = Convert.ToBase64String(XzStoredWriter.Write(data)),
            ["expected"] = new JsonObject { ["bytes"] = Convert.ToBase64String(data) },
        });

        var output = PythonPeer.Run(Script, ["decode"], TimeSpan.FromSeconds(60), new JsonObject { ["cases"] = cases }.ToJsonString());

        Assert.That((bool)JsonNode.Parse(output)!["results"]![0]!["ok"]!, Is.True, output);
    }

    private List<JsonNode> Select(string serializer, int? protocol) =>
        [.. _cases.Where(c => (string?)c!["serializer"] == serializer && (int?)c["protocol"] == protocol).Select(static c => c!)];

    private static object? Decode(JsonNode c)
    {
        var body = Convert.FromBase64String((string)c["payload"]!);
        var method = (string?)c["compression"];
        if (method is not null)
            body = Compressors.Decompress(body, method);
        var contentType = (string)c["content_type"]!;
        return Serializers.Loads(body, contentType, (string?)c["content_encoding"], new HashSet<string> { contentType });
    }

    private static string Label(JsonNode c) =>
        $"{c["serializer"]} protocol={c["protocol"]} compression={c["compression"] ?? "none"}";
}

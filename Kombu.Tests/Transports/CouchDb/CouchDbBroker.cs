using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.CouchDb;

/// <summary>The pouchdb-server (CouchDB HTTP API, in memory) the couchdb tests use, started by tools/brokers/pouchdb.sh.</summary>
internal static class CouchDbBroker
{
    public const string Host = "127.0.0.1";
    public const int Port = 5984;
    public const string Database = "kombu_tests";
    public const string Url = "couchdb://127.0.0.1:5984/kombu_tests";

    /// <summary>A raw HTTP client on the server, without credentials, to read and write documents directly.</summary>
    public static HttpClient CreateHttp() => new() { BaseAddress = new Uri($"http://{Host}:{Port}/") };

    /// <summary>GETs a path and parses the JSON answer; fails the test on an error status.</summary>
    public static JsonNode Get(HttpClient http, string path)
    {
        using var response = http.GetAsync(path).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>PUTs a JSON document and returns the HTTP status code.</summary>
    public static int Put(HttpClient http, string path, JsonNode? body)
    {
        using var response = http.PutAsync(path, body is null ? null : JsonContent.Create(body)).GetAwaiter().GetResult();
        return (int)response.StatusCode;
    }

    /// <summary>The message documents stored for <paramref name="queue"/>, read through the view Kombu defines.</summary>
    public static JsonArray Rows(HttpClient http, string queue, string database = Database) =>
        Get(http, $"{database}/_design/kombu/_view/messages?key={Uri.EscapeDataString($"\"{queue}\"")}")["rows"]!.AsArray();

    public static void Require() =>
        BrokerEndpoint.Require("pouchdb-server (CouchDB)", Host, Port, "bash tools/brokers/pouchdb.sh start");

    public static string Unique(string what) => $"ct-{what}-{Guid.NewGuid():N}"[..24];
}

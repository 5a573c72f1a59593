using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Kombu.Transport.CouchDb;

/// <summary>The few CouchDB HTTP calls the transport needs, on one database (Kombu used the <c>couchdb</c> package).</summary>
/// <remarks>Credentials travel only in the <c>Authorization</c> header; <see cref="ServerUri"/> never holds them.</remarks>
internal sealed class CouchDbClient : IDisposable
{
    /// <summary>The port CouchDB listens on by default.</summary>
    public const int DefaultPort = 5984;

    /// <summary>The database used when the virtual host is empty or <c>/</c> (Kombu's <c>DEFAULT_DATABASE</c>).</summary>
    public const string DefaultDatabase = "kombu_default";

    /// <summary>The design document that holds the message view.</summary>
    public const string DesignDocumentId = "_design/kombu";

    /// <summary>The map function of view <c>kombu/messages</c>: every message document, keyed by its queue.</summary>
    /// <remarks>The text Kombu's <c>create_message_view</c> stores (its source dedented), so both write the same document.</remarks>
    public const string MessagesMap = "function (doc) {\n  if (doc.queue && doc.payload)\n    emit(doc.queue, doc);\n}\n";

    private readonly HttpClient _http;
    private readonly string _databasePath;
    private readonly ILogger _logger;

    /// <summary>Creates a client for one database of a server.</summary>
    public CouchDbClient(Uri serverUri, string database, string? user, string? password, TimeSpan connectTimeout, ILogger logger)
    {
        ServerUri = serverUri;
        Database = database;
        User = user;
        _logger = logger;
        _databasePath = Uri.EscapeDataString(database);
        var handler = new SocketsHttpHandler();
        if (connectTimeout > TimeSpan.Zero)
            handler.ConnectTimeout = connectTimeout;
        _http = new HttpClient(handler) { BaseAddress = serverUri };
        _http.DefaultRequestHeaders.Authorization = BasicAuthorization(user, password);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The server address, <c>http(s)://host:port/</c>, without credentials.</summary>
    public Uri ServerUri { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <summary>The user name sent, or <see langword="null"/> without credentials.</summary>
    public string? User { get; }

    /// <summary>The HTTP Basic <c>Authorization</c> header for a user and password, or <see langword="null"/> without a user.</summary>
    public static AuthenticationHeaderValue? BasicAuthorization(string? user, string? password) => user is null
        ? null
        : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>Creates the database unless it exists.</summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        using var existing = await SendAsync(HttpMethod.Get, _databasePath, null, cancellationToken, HttpStatusCode.NotFound)
            .ConfigureAwait(false);
        if (existing.StatusCode != HttpStatusCode.NotFound)
            return;
        // 412: another client created it meanwhile.
        using var created = await SendAsync(HttpMethod.Put, _databasePath, null, cancellationToken, HttpStatusCode.PreconditionFailed)
            .ConfigureAwait(false);
        if (created.IsSuccessStatusCode)
            CouchDbLog.DatabaseCreated(_logger, Database, ServerUri);
    }

    /// <summary>Writes the design document with view <c>messages</c> unless it already has that view.</summary>
    /// <remarks>An existing <c>messages</c> view is kept, as Kombu keeps an existing design document.</remarks>
    public async Task EnsureViewAsync(CancellationToken cancellationToken)
    {
        var path = $"{_databasePath}/{DesignDocumentId}";
        using var current = await SendAsync(HttpMethod.Get, path, null, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        var design = current.StatusCode == HttpStatusCode.NotFound
            ? new JsonObject { ["_id"] = DesignDocumentId }
            : JsonNode.Parse(await current.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!.AsObject();
        if (design["views"]?["messages"]?["map"] is not null)
            return;
        design["language"] ??= "javascript";
        var views = design["views"] as JsonObject ?? [];
        views["messages"] = new JsonObject { ["map"] = MessagesMap };
        design["views"] = views;
        // 409: another client wrote it meanwhile.
        using var written = await SendAsync(HttpMethod.Put, path, design, cancellationToken, HttpStatusCode.Conflict).ConfigureAwait(false);
        if (written.IsSuccessStatusCode)
            CouchDbLog.ViewWritten(_logger, Database);
    }

    /// <summary>Stores a message document.</summary>
    public async Task SaveAsync(string id, string queue, string payload, CancellationToken cancellationToken)
    {
        var document = new JsonObject { ["_id"] = id, ["queue"] = queue, ["payload"] = payload };
        using var response = await SendRecreatingAsync(HttpMethod.Put, $"{_databasePath}/{Uri.EscapeDataString(id)}", document,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the message documents of a queue from view <c>kombu/messages</c>, oldest id first.</summary>
    /// <param name="queue">The queue (the view key).</param>
    /// <param name="limit">The most rows to read, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<CouchDbMessageDocument>> QueryAsync(string queue, int? limit, CancellationToken cancellationToken)
    {
        var path = $"{_databasePath}/{DesignDocumentId}/_view/messages?key={Uri.EscapeDataString(JsonSerializer.Serialize(queue))}";
        if (limit is { } n)
            path += $"&limit={n}";
        using var response = await SendRecreatingAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(
            await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        var documents = new List<CouchDbMessageDocument>();
        foreach (var row in json.RootElement.GetProperty("rows").EnumerateArray())
        {
            var value = row.GetProperty("value");
            var payload = value.GetProperty("payload");
            documents.Add(new CouchDbMessageDocument(value.GetProperty("_id").GetString()!, value.GetProperty("_rev").GetString()!,
                queue, payload.ValueKind == JsonValueKind.String ? payload.GetString()! : payload.GetRawText()));
        }
        return documents;
    }

    /// <summary>Deletes a message document at its revision.</summary>
    /// <returns><see langword="false"/> when it is gone or changed already (404 or 409): another consumer took it.</returns>
    public async Task<bool> DeleteAsync(CouchDbMessageDocument document, CancellationToken cancellationToken)
    {
        var path = $"{_databasePath}/{Uri.EscapeDataString(document.Id)}?rev={Uri.EscapeDataString(document.Revision)}";
        using var response = await SendAsync(HttpMethod.Delete, path, null, cancellationToken, HttpStatusCode.Conflict,
            HttpStatusCode.NotFound).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return true;
        CouchDbLog.TakenElsewhere(_logger, document.Id, document.Queue);
        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    // Sends one request; a status outside 2xx and `accepted` becomes an exception with CouchDB's reason.
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body,
        CancellationToken cancellationToken, params HttpStatusCode[] accepted)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CouchDbConnectionException(CouchDbErrors.Unreachable(ServerUri, ex.Message), ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CouchDbConnectionException(CouchDbErrors.TimedOut(ServerUri, method.Method, PathOnly(path)), ex);
        }
        if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
            return response;
        using (response)
        {
            var status = (int)response.StatusCode;
            var reason = await ReasonAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized)
                throw new CouchDbConnectionException(CouchDbErrors.Unauthorized(ServerUri, User, status, reason));
            throw new CouchDbException(CouchDbErrors.Failed(method.Method, PathOnly(path), status, reason), status);
        }
    }

    // Sends one request; when the database or the design document was deleted meanwhile (404), makes them again and
    // sends it once more, as a reconnect would.
    private async Task<HttpResponseMessage> SendRecreatingAsync(HttpMethod method, string path, JsonNode? body,
        CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        }
        catch (CouchDbException ex) when (ex.StatusCode == (int)HttpStatusCode.NotFound)
        {
            await EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
            await EnsureViewAsync(cancellationToken).ConfigureAwait(false);
            return await SendAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        }
    }

    // CouchDB's error body is {"error": "...", "reason": "..."}.
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var error = root.TryGetProperty("error", out var e) ? e.ToString() : response.ReasonPhrase;
            return root.TryGetProperty("reason", out var r) ? $"{error}: {r}" : error ?? "";
        }
        catch (JsonException)
        {
            return text.Length > 200 ? text[..200] + "…" : text;
        }
    }

    private static string PathOnly(string path) => "/" + (path.IndexOf('?') is var q and >= 0 ? path[..q] : path);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kombu.Transport.CouchDb;

internal sealed partial class CouchDbClient
{
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

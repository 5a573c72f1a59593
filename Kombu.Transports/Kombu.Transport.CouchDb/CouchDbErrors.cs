namespace Kombu.Transport.CouchDb;

/// <summary>Builds the texts of the CouchDB transport's exceptions, in one place. None contains a password.</summary>
internal static class CouchDbErrors
{
    public static string Unreachable(Uri server, string reason) =>
        $"Cannot reach CouchDB at {server}: {reason}. Start the server (tests: `bash tools/brokers/pouchdb.sh start`) " +
        "or fix the host and port of the couchdb:// URL.";

    public static string TimedOut(Uri server, string method, string path) =>
        $"CouchDB at {server} did not answer {method} {path} in time.";

    public static string Unauthorized(Uri server, string? user, int status, string reason) => user is null
        ? $"CouchDB at {server} requires credentials ({status}: {reason}); put them in the URL: couchdb://USER:PASSWORD@host:port/db."
        : $"CouchDB at {server} refused the credentials of user '{user}' ({status}: {reason}); check the user and password in the URL.";

    public static string Failed(string method, string path, int status, string reason) =>
        $"CouchDB answered {method} {path} with {status}: {reason}";

    public static string FanoutNotSupported(string exchange) =>
        $"Fanout exchange '{exchange}' is not supported by the couchdb transport: CouchDB has no publish/subscribe and Kombu " +
        "keeps bindings in each process's memory, so no broadcast table can be shared (Kombu's couchdb transport had no fanout either).";
}

using StackExchange.Redis;

namespace Kombu.Transport.Redis;

/// <summary>Builds the text of the errors and log entries of the Redis transport, in one place.</summary>
internal static class RedisMessages
{
    public const string BlockingPopFailed = "The blocking BRPOP connection to Redis failed.";

    public const string NotConnected = "The Redis connection is not established or was closed: connect (again) first.";

    public const string MasterNameRequired = "The 'master_name' transport option must be specified for sentinel://.";

    public static string ConnectFailed(string store, TimeSpan connectTimeout, RedisConnectionException ex) =>
        $"Couldn't connect to Redis at {store}: " + (ex.InnerException is { } inner
            ? inner.GetBaseException().Message
            : ex.FailureType switch
            {
                ConnectionFailureType.UnableToConnect =>
                    $"the server refused the connection, is unreachable, or did not answer within {connectTimeout.TotalSeconds:0.###} s",
                ConnectionFailureType.AuthenticationFailure => "authentication failed (check the user and password)",
                var other => other.ToString(),
            });

    public static string InvalidDatabase(string? virtualHost) =>
        $"Redis database must be a number (the URL path), not '{virtualHost}'.";

    public static string InvalidCount(string name, double value, int minimum) =>
        $"Transport option {name} must be a whole number of at least {minimum}, not {value}.";

    public static string NotAMap(string name) => $"Transport option {name} must be a map (or its JSON text).";

    public static string ServerError(string text) => "Redis error: " + text;

    public static string UnexpectedReply(char kind) => $"Unexpected RESP reply type '{kind}'.";

    public static string BlockingPopStalled(TimeSpan waited) =>
        $"Redis did not answer the blocking BRPOP within {waited.TotalSeconds:0.#} s; the link looks stalled.";

    public static string ServerChangedRole(string reply) =>
        $"The Redis server can no longer take this command ({reply}); it is probably no longer the master.";

    public static string Unreachable(string store) => $"The connection to Redis at {store} is lost.";

    public static string NoPrimary(string masterName) => $"Redis Sentinel gave no reachable master for '{masterName}'.";

    public static string UnknownCertReqs(object? value) =>
        $"ssl_cert_reqs must be CERT_NONE, CERT_OPTIONAL or CERT_REQUIRED, not '{value}'.";
}

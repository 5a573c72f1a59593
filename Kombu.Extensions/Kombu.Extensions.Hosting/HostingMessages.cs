using System.Globalization;

namespace Kombu.Extensions.Hosting;

/// <summary>The texts of the options validation and the health check, built in one place.</summary>
internal static class HostingMessages
{
    public static string UrlMissing(string section) =>
        $"{section}:Url is required: a broker URL such as amqp://guest:guest@localhost:5672//, redis://localhost:6379/0 or memory://.";

    public static string UrlInvalid(string section, string reason) => $"{section}:Url is not a valid broker URL: {reason}";

    public static string TransportMissing(string section, string reason) => $"{section}:Url names a transport that cannot be loaded: {reason}";

    public static string FailoverStrategyInvalid(string section, string value) =>
        $"{section}:FailoverStrategy is '{value}': use round-robin or shuffle.";

    public static string NotPositive(string section, string name, object value) =>
        string.Create(CultureInfo.InvariantCulture, $"{section}:{name} is {value}: it must be greater than zero.");

    public static string Negative(string section, string name, object value) =>
        string.Create(CultureInfo.InvariantCulture, $"{section}:{name} is {value}: it must not be negative.");

    public static string NoQueues(string handler) => $"AddKombuConsumer<{handler}> needs at least one queue.";

    public static string Reachable(string uri) => $"Connected to {uri}.";

    public static string Unreachable(string uri, string reason) => $"Cannot connect to {uri}: {reason}";

    public static string TimedOut(string uri, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"Cannot connect to {uri}: no connection within {timeout.TotalSeconds:0.###} s.");
}

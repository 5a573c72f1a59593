using System.Globalization;

namespace Kombu.Exceptions;

/// <summary>Error texts raised by <c>Kombu.Utils</c>: URL parsing, retries and rate limiting.</summary>
internal static partial class ErrorMessages
{
    public const string UrlMissingSeparator = "Not a URL: expected 'transport://...' (no '://' found).";

    public const string UrlMissingScheme = "Not a URL: the transport name before '://' is missing.";

    public const string TokenBucketEmpty = "The token bucket has no pending items.";

    public static string UrlInvalidScheme(string safeUrl) =>
        $"Invalid transport name in URL '{safeUrl}': it must start with a letter and contain only letters, digits, '+', '-' or '.'.";

    public static string UrlInvalidPort(string safeUrl, string port) =>
        $"Port could not be cast to integer value as '{port}' in URL '{safeUrl}'.";

    public static string UrlPortOutOfRange(string safeUrl, string port) =>
        $"Port out of range 0-65535 ('{port}') in URL '{safeUrl}'.";

    public static string UrlIPv6NotSupported(string safeUrl) =>
        $"IPv6 address literals are not supported in URL '{safeUrl}'.";

    public static string UrlInvalidCertReqs(string safeUrl, string value) =>
        $"Invalid ssl_cert_reqs value '{value}' in URL '{safeUrl}': use CERT_REQUIRED, CERT_OPTIONAL, CERT_NONE, required, optional or none.";

    public static string NotFiniteOrNegative(double value) =>
        string.Create(CultureInfo.InvariantCulture, $"The value must be a finite number that is zero or more, not {value}.");
}

namespace Kombu.Utils;
/// <summary>STUB.</summary>
public static class Urls
{
    /// <summary>STUB.</summary><param name="url">x</param><returns>x</returns>
    public static UrlParts Parse(string url) => throw new NotImplementedException();
    /// <summary>STUB.</summary><param name="url">x</param><returns>x</returns>
    public static bool IsUrl(string url) => url.Contains("://", StringComparison.Ordinal);
    /// <summary>STUB.</summary><param name="scheme">x</param><param name="host">x</param><param name="port">x</param><param name="user">x</param><param name="password">x</param><param name="path">x</param><param name="query">x</param><param name="sanitize">x</param><param name="mask">x</param><returns>x</returns>
    public static string AsUrl(string scheme, string? host = null, int? port = null, string? user = null, string? password = null,
        string? path = null, IReadOnlyDictionary<string, string>? query = null, bool sanitize = false, string mask = "**") => throw new NotImplementedException();
    /// <summary>STUB.</summary><param name="url">x</param><param name="mask">x</param><returns>x</returns>
    public static string MaybeSanitize(string url, string mask = "**") => url;
    /// <summary>STUB.</summary><param name="hostnameOrUrls">x</param><returns>x</returns>
    public static IReadOnlyList<string> SplitFailover(string hostnameOrUrls) => hostnameOrUrls.Split(';');
}

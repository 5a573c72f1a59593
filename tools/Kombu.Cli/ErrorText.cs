using Kombu.Utils;

namespace Kombu.Cli;

/// <summary>Turns an exception into the one-line error the tool prints, with any password masked.</summary>
public static class ErrorText
{
    private const string Mask = "**";

    /// <summary>Formats <paramref name="message"/> as <c>kombu: …</c> on one line, masking the password of <paramref name="url"/>.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="url">The broker URL in use, whose password must not be shown; may be <see langword="null"/>.</param>
    /// <returns>The line to print.</returns>
    public static string OneLine(string message, string? url) => "kombu: error: " + Clean(message, url);

    /// <summary>Formats <paramref name="message"/> as <c>kombu: warning: …</c> on one line, password masked.</summary>
    /// <param name="message">The warning.</param>
    /// <param name="url">The broker URL in use, whose password must not be shown; may be <see langword="null"/>.</param>
    /// <returns>The line to print.</returns>
    public static string Warning(string message, string? url) => "kombu: warning: " + Clean(message, url);

    private static string Clean(string message, string? url)
    {
        var text = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var secret in Secrets(url))
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    private static IEnumerable<string> Secrets(string? url)
    {
        if (string.IsNullOrEmpty(url))
            yield break;
        foreach (var alternate in url.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var raw = RawPassword(alternate);
            if (raw is { Length: > 0 })
                yield return raw;
            string? decoded = null;
            try
            {
                decoded = Urls.Parse(alternate).Password;
            }
            catch (ArgumentException)
            {
            }
            if (decoded is { Length: > 0 } && decoded != raw)
                yield return decoded;
        }
    }

    private static string? RawPassword(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var at = url.LastIndexOf('@');
        if (at < start)
            return null;
        var colon = url.IndexOf(':', start);
        return colon >= 0 && colon < at ? url[(colon + 1)..at] : null;
    }
}

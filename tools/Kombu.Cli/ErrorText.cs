using System.Text.RegularExpressions;
using Kombu.Utils;

namespace Kombu.Cli;

/// <summary>Turns an exception into the one-line error the tool prints, with the password of every URL in it masked.</summary>
public static partial class ErrorText
{
    /// <summary>Formats <paramref name="message"/> as <c>kombu: …</c> on one line, masking URL passwords.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="url">The broker URL in use, whose password must not be shown; may be <see langword="null"/>.</param>
    /// <returns>The line to print.</returns>
    public static string OneLine(string message, string? url) => "kombu: error: " + Clean(message, url);

    /// <summary>Formats <paramref name="message"/> as <c>kombu: warning: …</c> on one line, URL passwords masked.</summary>
    /// <param name="message">The warning.</param>
    /// <param name="url">The broker URL in use, whose password must not be shown; may be <see langword="null"/>.</param>
    /// <returns>The line to print.</returns>
    public static string Warning(string message, string? url) => "kombu: warning: " + Clean(message, url);

    /// <summary>The message of <paramref name="error"/> without .NET's <c>(Parameter 'name')</c> suffix, which names our code, not the user's input.</summary>
    /// <param name="error">The error.</param>
    /// <returns>Its message.</returns>
    public static string Describe(Exception error)
    {
        var message = error.Message;
        if (error is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
                message = message[..^suffix.Length];
        }
        return message;
    }

    // Masks passwords where they sit: in the URL given (as typed, wherever the message quotes it), then in any other
    // URL of the message, through the library's sanitizer (Kombu's maybe_sanitize_url, as AsUri uses).
    private static string Clean(string message, string? url)
    {
        var text = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (!string.IsNullOrEmpty(url) && Urls.IsUrl(url))
        {
            foreach (var alternate in Urls.SplitFailover(url).Where(u => u.Contains('@', StringComparison.Ordinal)))
                text = text.Replace(alternate, Urls.MaybeSanitize(alternate), StringComparison.Ordinal);
        }
        return UrlWithUser().Replace(text, match => Urls.MaybeSanitize(match.Value));
    }

    // A URL with a user part (scheme://user:password@…), up to the next space or quote.
    [GeneratedRegex("""[A-Za-z][A-Za-z0-9+.\-]*://[^\s'"@/]*:[^\s'"]*@[^\s'"]*""", RegexOptions.CultureInvariant)]
    private static partial Regex UrlWithUser();
}

using System.Text;
using System.Text.RegularExpressions;
using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Pidbox;

/// <summary>Matches node host names against request patterns with Kombu's <c>glob</c> and <c>pcre</c> matchers.</summary>
/// <remarks>Kombu's <c>kombu.matcher.match</c>.</remarks>
internal static class NodeMatcher
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);

    /// <summary>Tells whether a host name matches a pattern.</summary>
    /// <param name="hostname">The node host name.</param>
    /// <param name="pattern">The pattern.</param>
    /// <param name="matcher"><c>glob</c> (fnmatch, whole name) or <c>pcre</c> (Python <c>re.match</c>, anchored at the start).</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    /// <exception cref="ArgumentException">The matcher is unknown.</exception>
    public static bool Match(string hostname, string pattern, string matcher) => matcher switch
    {
        "glob" => Regex.IsMatch(hostname, GlobToRegex(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline, s_timeout),
        "pcre" => PythonRegex.Compile(pattern).Match(hostname) is { Success: true, Index: 0 },
        _ => throw new ArgumentException(ErrorMessages.PidboxUnknownMatcher(matcher), nameof(matcher)),
    };

    /// <summary>Translates an fnmatch pattern into an anchored regular expression.</summary>
    /// <param name="pattern">The glob: <c>*</c>, <c>?</c>, <c>[seq]</c> and <c>[!seq]</c>.</param>
    /// <returns>The regular expression.</returns>
    public static string GlobToRegex(string pattern)
    {
        var sb = new StringBuilder("\\A(?:");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*')
            {
                sb.Append(".*");
            }
            else if (c == '?')
            {
                sb.Append('.');
            }
            else if (c == '[' && SetEnd(pattern, i) is var end and > 0)
            {
                var set = pattern[(i + 1)..end].Replace(@"\", @"\\", StringComparison.Ordinal);
                if (set.StartsWith('!'))
                    set = "^" + set[1..];
                else if (set.StartsWith('^'))
                    set = @"\" + set;
                sb.Append('[').Append(set.Replace("[", @"\[", StringComparison.Ordinal)).Append(']');
                i = end;
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }
        return sb.Append(")\\z").ToString();
    }

    private static int SetEnd(string pattern, int open)
    {
        var j = open + 1;
        if (j < pattern.Length && pattern[j] == '!')
            j++;
        if (j < pattern.Length && pattern[j] == ']')
            j++;
        return j < pattern.Length ? pattern.IndexOf(']', j) : -1;
    }
}

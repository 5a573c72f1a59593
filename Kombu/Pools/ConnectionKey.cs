using System.Collections;
using System.Globalization;
using System.Text;

namespace Kombu.Pools;

/// <summary>Builds the value that makes connections with equal parameters share a pool.</summary>
/// <remarks>Kombu's <c>Connection.__eqhash__</c>; here every entry of <see cref="Connection.Info"/> takes part.</remarks>
internal static class ConnectionKey
{
    /// <summary>The key of <paramref name="connection"/>'s parameters.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>Equal for connections with equal parameters.</returns>
    public static string For(Connection connection)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in connection.Info())
        {
            sb.Append(name).Append('=');
            Append(sb, value);
            sb.Append('\u001f');
        }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("\u2400");
                break;
            case string s:
                sb.Append(s.Length).Append(':').Append(s);
                break;
            case IDictionary dictionary:
                var entries = new List<string>();
                foreach (DictionaryEntry entry in dictionary)
                {
                    var item = new StringBuilder();
                    Append(item, entry.Key);
                    item.Append("=>");
                    Append(item, entry.Value);
                    entries.Add(item.ToString());
                }
                entries.Sort(StringComparer.Ordinal);
                sb.Append('{').AppendJoin(',', entries).Append('}');
                break;
            case IEnumerable sequence:
                sb.Append('[');
                foreach (var item in sequence)
                {
                    Append(sb, item);
                    sb.Append(',');
                }
                sb.Append(']');
                break;
            default:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}

namespace Kombu.Transport.Beanstalk;

/// <summary>Reads the two YAML shapes beanstalkd sends: a flat map (<c>stats-*</c>) and a list (<c>list-tubes</c>).</summary>
internal static class BeanstalkYaml
{
    public static Dictionary<string, string> ParseMap(string yaml)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(yaml))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var value = line[(colon + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
                value = value[1..^1];
            map[line[..colon].Trim()] = value;
        }
        return map;
    }

    public static List<string> ParseList(string yaml)
    {
        var list = new List<string>();
        foreach (var line in Lines(yaml))
        {
            if (line.StartsWith("- ", StringComparison.Ordinal))
                list.Add(line[2..].Trim());
        }
        return list;
    }

    private static IEnumerable<string> Lines(string yaml)
    {
        foreach (var raw in yaml.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && line != "---")
                yield return line;
        }
    }
}

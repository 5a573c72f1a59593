namespace Kombu.Bench;

/// <summary>Rewrites the measurements block of README.md between its two markers.</summary>
public static class ReadmeBlock
{
    private const string Start = "<!-- bench:start -->";
    private const string End = "<!-- bench:end -->";

    /// <summary>Replaces the text between the markers with <paramref name="content"/>.</summary>
    /// <param name="readme">Path of README.md.</param>
    /// <param name="content">The new block.</param>
    /// <exception cref="InvalidOperationException">The markers are missing.</exception>
    public static void Write(string readme, string content)
    {
        var text = File.ReadAllText(readme);
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
            throw new InvalidOperationException($"{readme} has no {Start} … {End} block");
        var head = text[..(start + Start.Length)];
        File.WriteAllText(readme, head + "\n" + content.TrimEnd() + "\n" + text[end..]);
    }
}

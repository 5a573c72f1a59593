namespace Kombu;

/// <summary>Value equality for the argument tables of entities.</summary>
internal static class EntityEquality
{
    public static bool ArgumentsEqual(IDictionary<string, object?>? a, IDictionary<string, object?>? b)
    {
        if (a is null || a.Count == 0)
            return b is null || b.Count == 0;
        if (b is null || a.Count != b.Count)
            return false;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !Equals(value, other))
                return false;
        }
        return true;
    }

    public static int ArgumentsHash(IDictionary<string, object?>? arguments) => arguments?.Count ?? 0;
}

namespace Kombu.Pidbox;

/// <summary>Reads optional keys of decoded message maps.</summary>
internal static class MapExtensions
{
    /// <summary>Returns the value under a key, or <see langword="null"/> when it is missing.</summary>
    /// <param name="map">The map.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    public static object? Get(this IDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value : null;
}

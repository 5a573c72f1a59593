using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Kombu.Transport;

/// <summary>A map of a received message (its properties or delivery details) built only when first read.</summary>
/// <remarks>
/// Most consumers never read <see cref="Message.Properties"/> or <see cref="Message.DeliveryInfo"/>, so a transport
/// hands the message one of these instead of a filled dictionary: the dictionary (and the boxed values in it) is built
/// on first use, once, and every member then reads and writes that same dictionary. Thread-safe for the first build.
/// </remarks>
internal abstract class LazyDictionary : IDictionary<string, object?>
{
    private Dictionary<string, object?>? _value;

    private Dictionary<string, object?> Value
    {
        get
        {
            var value = Volatile.Read(ref _value);
            if (value is not null)
                return value;
            Interlocked.CompareExchange(ref _value, Build(), null);
            return _value!;
        }
    }

    /// <summary>Builds the dictionary on first use.</summary>
    /// <returns>The map's contents; it becomes the map, so it must not be shared.</returns>
    protected abstract Dictionary<string, object?> Build();

    /// <inheritdoc/>
    public object? this[string key]
    {
        get => Value[key];
        set => Value[key] = value;
    }

    /// <inheritdoc/>
    public ICollection<string> Keys => Value.Keys;

    /// <inheritdoc/>
    public ICollection<object?> Values => Value.Values;

    /// <inheritdoc/>
    public int Count => Value.Count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    public void Add(string key, object? value) => Value.Add(key, value);

    /// <inheritdoc/>
    public void Add(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Value).Add(item);

    /// <inheritdoc/>
    public void Clear() => Value.Clear();

    /// <inheritdoc/>
    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Value).Contains(item);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => Value.ContainsKey(key);

    /// <inheritdoc/>
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)Value).CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Value.GetEnumerator();

    /// <inheritdoc/>
    public bool Remove(string key) => Value.Remove(key);

    /// <inheritdoc/>
    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Value).Remove(item);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => Value.TryGetValue(key, out value);

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

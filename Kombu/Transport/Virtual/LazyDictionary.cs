using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Kombu.Transport.Virtual;

/// <summary>A map of a received message that is built from its envelope only when first read.</summary>
/// <remarks>
/// Most consumers never read <see cref="Message.Properties"/> or <see cref="Message.DeliveryInfo"/>, so the
/// dictionary (and the boxed values in it) is built on first use; after that every member reads and writes the
/// same built dictionary.
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
    protected abstract Dictionary<string, object?> Build();

    public object? this[string key]
    {
        get => Value[key];
        set => Value[key] = value;
    }

    public ICollection<string> Keys => Value.Keys;

    public ICollection<object?> Values => Value.Values;

    public int Count => Value.Count;

    public bool IsReadOnly => false;

    public void Add(string key, object? value) => Value.Add(key, value);

    public void Add(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Value).Add(item);

    public void Clear() => Value.Clear();

    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Value).Contains(item);

    public bool ContainsKey(string key) => Value.ContainsKey(key);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)Value).CopyTo(array, arrayIndex);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Value.GetEnumerator();

    public bool Remove(string key) => Value.Remove(key);

    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Value).Remove(item);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => Value.TryGetValue(key, out value);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

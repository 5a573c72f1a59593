using System.Collections;

namespace Kombu.Serialization;

/// <summary>Compares hashable Python values as Python does for dict keys and set members: tuples and frozensets by content.</summary>
internal sealed class PythonKeyComparer : IEqualityComparer<object?>
{
    /// <summary>The one instance.</summary>
    public static PythonKeyComparer Instance { get; } = new();

    /// <inheritdoc/>
    public new bool Equals(object? x, object? y)
    {
        if (ReferenceEquals(x, y))
            return true;
        switch (x, y)
        {
            case (object?[] a, object?[] b):
                if (a.Length != b.Length)
                    return false;
                for (var i = 0; i < a.Length; i++)
                {
                    if (!Equals(a[i], b[i]))
                        return false;
                }
                return true;
            case (byte[] a, byte[] b):
                return a.AsSpan().SequenceEqual(b);
            case (IReadOnlySet<object?> a, IReadOnlySet<object?> b):
                return a.Count == b.Count && a.All(b.Contains);
            default:
                return x is not null && x.Equals(y);
        }
    }

    /// <inheritdoc/>
    public int GetHashCode(object? obj)
    {
        switch (obj)
        {
            case null:
                return 0;
            case object?[] tuple:
                var hash = new HashCode();
                foreach (var item in tuple)
                    hash.Add(GetHashCode(item));
                return hash.ToHashCode();
            case byte[] bytes:
                var bytesHash = new HashCode();
                bytesHash.AddBytes(bytes);
                return bytesHash.ToHashCode();
            case IReadOnlySet<object?> set:
                var sum = 0;
                foreach (var item in (IEnumerable)set)
                    sum ^= GetHashCode(item);
                return sum;
            default:
                return obj.GetHashCode();
        }
    }
}

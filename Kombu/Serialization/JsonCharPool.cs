using System.Buffers;
using Newtonsoft.Json;

namespace Kombu.Serialization;

/// <summary>Lends Newtonsoft's readers and writers their character buffers from the shared array pool.</summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    /// <summary>The one instance.</summary>
    public static readonly JsonCharPool Instance = new();

    private JsonCharPool()
    {
    }

    /// <inheritdoc/>
    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    /// <inheritdoc/>
    public void Return(char[]? array)
    {
        if (array is not null)
            ArrayPool<char>.Shared.Return(array);
    }
}

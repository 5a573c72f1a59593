namespace Kombu.Bench;

/// <summary>What the one-by-one run sends and how its consumer reads it.</summary>
public enum InterleavedBody
{
    /// <summary>A JSON dictionary, decoded to a dictionary for a <c>(body, message)</c> callback, as in Kombu.</summary>
    JsonDictionary,

    /// <summary>A <see cref="BenchRecord"/> published and decoded with source-generated System.Text.Json metadata.</summary>
    JsonTyped,

    /// <summary>The encoded 100 bytes sent as they are (serializer <c>raw</c>): the transport alone.</summary>
    RawBytes,
}

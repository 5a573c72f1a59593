namespace Kombu.Serialization;

/// <summary>How deep the Kombu JSON writer is, and which encoder it writes like.</summary>
/// <param name="Depth">Nesting depth of the value being written.</param>
/// <param name="Compatibility">The Kombu version whose encoder is imitated.</param>
internal readonly record struct JsonWriteState(int Depth, JsonCompatibility Compatibility)
{
    /// <summary>Whether typed values are written as Kombu 5.2 writes them, with no markers.</summary>
    public bool Plain => Compatibility == JsonCompatibility.Kombu52;
}

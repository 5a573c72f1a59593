namespace Kombu.Serialization;

/// <summary>STUB: replaced by the serialization work.</summary>
public static class Serializers
{
    /// <summary>STUB.</summary>
    /// <param name="data">x</param><param name="serializer">x</param><returns>x</returns>
    public static EncodedBody Dumps(object? data, string? serializer = null) => throw new NotImplementedException();

    /// <summary>STUB.</summary>
    /// <param name="data">x</param><param name="contentType">x</param><param name="contentEncoding">x</param><param name="accept">x</param><param name="force">x</param><returns>x</returns>
    public static object? Loads(byte[] data, string? contentType, string? contentEncoding,
        IReadOnlySet<string>? accept = null, bool force = false) => throw new NotImplementedException();

    /// <summary>STUB.</summary>
    /// <param name="contentTypes">x</param><returns>x</returns>
    public static IReadOnlySet<string>? PrepareAcceptContent(IEnumerable<string>? contentTypes) => throw new NotImplementedException();
}

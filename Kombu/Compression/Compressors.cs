namespace Kombu.Compression;

/// <summary>STUB: replaced by the compression work.</summary>
public static class Compressors
{
    /// <summary>STUB.</summary>
    /// <param name="body">x</param><param name="method">x</param><returns>x</returns>
    public static (byte[] Body, string ContentType) Compress(byte[] body, string method) => throw new NotImplementedException();

    /// <summary>STUB.</summary>
    /// <param name="body">x</param><param name="contentType">x</param><returns>x</returns>
    public static byte[] Decompress(byte[] body, string contentType) => throw new NotImplementedException();
}

using Microsoft.Extensions.Logging;

namespace Kombu.Compression;

/// <summary>Source-generated log messages of compression.</summary>
internal static partial class CompressionLog
{
    private static int s_storedWarned;

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning,
        Message = "lzma: no system liblzma could be loaded, so lzma/xz bodies are sent as valid .xz streams of stored, " +
                  "UNCOMPRESSED chunks (install liblzma, e.g. the xz-utils/liblzma5 package, to compress them)")]
    private static partial void LzmaStored(ILogger logger);

    /// <summary>
    /// Warns, once per process, that an lzma body went out uncompressed because the native liblzma is missing.
    /// </summary>
    /// <param name="logger">Where to warn; a logger that drops warnings does not use up the one warning.</param>
    /// <param name="contentType">The compression content type of the body just compressed.</param>
    /// <param name="nativeAvailable">Whether liblzma compressed it.</param>
    /// <returns>Whether the warning was logged now.</returns>
    public static bool WarnIfStored(ILogger logger, string contentType, bool nativeAvailable)
    {
        if (nativeAvailable || contentType != Compressors.Lzma || !logger.IsEnabled(LogLevel.Warning) ||
            Interlocked.Exchange(ref s_storedWarned, 1) == 1)
        {
            return false;
        }

        LzmaStored(logger);
        return true;
    }

    /// <summary>Lets the next stored lzma body warn again (tests).</summary>
    internal static void ResetStoredWarning() => Interlocked.Exchange(ref s_storedWarned, 0);
}

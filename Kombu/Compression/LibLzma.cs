using System.Reflection;
using System.Runtime.InteropServices;

namespace Kombu.Compression;

/// <summary>Optional access to the system's native liblzma (XZ Utils) for compressing exactly as Python's <c>lzma.compress</c>.</summary>
internal static class LibLzma
{
    private const string Library = "liblzma";
    private const uint CheckCrc64 = 4;
    private const uint Preset = 6;
    private static readonly string[] Candidates = ["liblzma.so.5", "liblzma.so", "liblzma.5.dylib", "liblzma.dylib", "liblzma.dll", "lzma.dll"];
    private static readonly Lazy<bool> Loaded = new(TryLoad);

    /// <summary>Whether the native library could be loaded on this machine.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>Compresses to an .xz stream with preset 6 and a CRC64 check, as <c>lzma.compress(data)</c> does.</summary>
    public static byte[] Compress(byte[] body)
    {
        var bound = lzma_stream_buffer_bound((nuint)body.Length);
        var output = new byte[(int)Math.Min(bound, (nuint)Array.MaxLength)];
        nuint position = 0;
        var result = lzma_easy_buffer_encode(Preset, CheckCrc64, IntPtr.Zero, body, (nuint)body.Length, output, ref position, (nuint)output.Length);
        return result == 0 ? output[..(int)position] : throw new InvalidOperationException($"liblzma error {result}");
    }

    private static bool TryLoad()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibLzma).Assembly, Resolve);
        try
        {
            return lzma_stream_buffer_bound(0) > 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
            return IntPtr.Zero;
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle))
                return handle;
        }
        return IntPtr.Zero;
    }

    [DllImport(Library)]
    private static extern nuint lzma_stream_buffer_bound(nuint uncompressedSize);

    [DllImport(Library)]
    private static extern int lzma_easy_buffer_encode(uint preset, uint check, IntPtr allocator, byte[] input, nuint inputSize,
        byte[] output, ref nuint outputPosition, nuint outputSize);
}

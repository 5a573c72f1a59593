using System.Buffers.Binary;

namespace Kombu.Compression;

/// <summary>Writes a valid .xz stream whose LZMA2 chunks are stored uncompressed; the managed fallback when liblzma is missing.</summary>
internal static class XzStoredWriter
{
    private const int ChunkSize = 65536;
    private static readonly byte[] Magic = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];
    private static readonly byte[] StreamFlags = [0x00, 0x01]; // check type CRC32

    /// <summary>Wraps the body in one .xz block of stored LZMA2 chunks with a CRC32 check.</summary>
    public static byte[] Write(byte[] body)
    {
        using var o = new MemoryStream(body.Length + body.Length / ChunkSize * 3 + 64);
        o.Write(Magic);
        o.Write(StreamFlags);
        WriteCrc(o, StreamFlags);
        var records = new List<(long Unpadded, long Size)>();
        if (body.Length > 0)
        {
            byte[] header = [0x02, 0x00, 0x21, 0x01, 0x16, 0x00, 0x00, 0x00]; // 12-byte header, LZMA2 with an 8 MiB dictionary
            o.Write(header);
            WriteCrc(o, header);
            long data = 0;
            for (var offset = 0; offset < body.Length; offset += ChunkSize)
            {
                var length = Math.Min(ChunkSize, body.Length - offset);
                o.Write([offset == 0 ? (byte)0x01 : (byte)0x02, (byte)((length - 1) >> 8), (byte)(length - 1)]);
                o.Write(body, offset, length);
                data += length + 3;
            }
            o.WriteByte(0x00);
            data++;
            Pad(o, data);
            WriteCrc(o, body);
            records.Add((12 + data + 4, body.Length));
        }
        var index = new MemoryStream();
        index.WriteByte(0x00);
        WriteVarint(index, records.Count);
        foreach (var (unpadded, size) in records)
        {
            WriteVarint(index, unpadded);
            WriteVarint(index, size);
        }
        Pad(index, index.Length);
        WriteCrc(index, index.ToArray());
        o.Write(index.ToArray());
        var footer = new byte[6];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, (uint)(index.Length / 4 - 1));
        StreamFlags.CopyTo(footer, 4);
        WriteCrc(o, footer);
        o.Write(footer);
        o.Write([0x59, 0x5A]);
        return o.ToArray();
    }

    private static void Pad(Stream o, long length)
    {
        while (length++ % 4 != 0)
            o.WriteByte(0);
    }

    private static void WriteCrc(Stream o, ReadOnlySpan<byte> data)
    {
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32.Compute(data));
        o.Write(crc);
    }

    private static void WriteVarint(Stream o, long value)
    {
        while (value >= 0x80)
        {
            o.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        o.WriteByte((byte)value);
    }
}

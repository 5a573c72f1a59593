using System.Text;
using Kombu.Compression;
using Kombu.Exceptions;

namespace Kombu.Tests.Compression;

/// <summary>The containers of the lzma, brotli and zstd methods and their hostile inputs.</summary>
[NonParallelizable]
[Category("Unit")]
public sealed class CompressorsContainerTests
{
    private static readonly byte[] Sample = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"hello\": \"world\"} ", 300)));

    [TestCase("lzma", "application/x-lzma")]
    [TestCase("xz", "application/x-lzma")]
    [TestCase("brotli", "application/x-brotli")]
    [TestCase("zstd", "application/zstd")]
    [TestCase("zstandard", "application/zstd")]
    public void Compress_Alias_RoundTripsWithContentType(string method, string contentType)
    {
        var (body, header) = Compressors.Compress(Sample, method);

        Assert.Multiple(() =>
        {
            Assert.That(header, Is.EqualTo(contentType));
            Assert.That(body, Has.Length.LessThan(Sample.Length));
            Assert.That(Compressors.Decompress(body, header), Is.EqualTo(Sample));
            Assert.That(Compressors.Decompress(body, method), Is.EqualTo(Sample));
        });
    }

    [Test]
    public void Compress_Lzma_WritesXzContainer()
    {
        var body = Compressors.Compress(Sample, "lzma").Body;

        Assert.That(body[..6], Is.EqualTo(new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00 }));
    }

    [Test]
    public void Compress_Zstd_WritesFrameWithContentSize()
    {
        var body = Compressors.Compress(Sample, "zstd").Body;

        Assert.Multiple(() =>
        {
            Assert.That(body[..4], Is.EqualTo(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }));
            Assert.That(ZstdSharp.Decompressor.GetDecompressedSize(body), Is.EqualTo((ulong)Sample.Length));
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(70_000)]
    [TestCase(200_000)]
    public void XzStoredWriter_AnySize_DecodesWithOurDecoder(int size)
    {
        var data = Enumerable.Range(0, size).Select(static i => (byte)(i * 7)).ToArray();

        Assert.That(Compressors.Decompress(XzStoredWriter.Write(data), "xz"), Is.EqualTo(data));
    }

    [Test]
    public void Decompress_ZstdFrameDeclaringHugeContentSize_ThrowsBeforeAllocating()
    {
        // Frame header: magic, descriptor 0xE0 (single segment, 8-byte content size), content size 2^40, then garbage.
        byte[] frame = [0x28, 0xB5, 0x2F, 0xFD, 0xE0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0];

        Assert.That(() => Compressors.Decompress(frame, "zstd"),
            Throws.TypeOf<DecodeException>().With.Message.Contains("MaxDecompressedSize"));
    }

    [TestCase("brotli")]
    [TestCase("lzma")]
    [TestCase("zstd")]
    public void Decompress_BombOfZeros_StopsAtLimitQuickly(string method)
    {
        var bomb = Compressors.Compress(new byte[20_000_000], method).Body;
        var saved = Compressors.MaxDecompressedSize;
        Compressors.MaxDecompressedSize = 1_000_000;
        try
        {
            Assert.That(() => Compressors.Decompress(bomb, method), Throws.TypeOf<DecodeException>().With.Message.Contains("1000000"));
        }
        finally
        {
            Compressors.MaxDecompressedSize = saved;
        }
    }

    [TestCase("brotli")]
    [TestCase("lzma")]
    [TestCase("zstd")]
    public void Decompress_EmptyInput_ThrowsDecodeException(string method)
    {
        Assert.That(() => Compressors.Decompress([], method), Throws.InstanceOf<DecodeException>());
    }
}

using System.Text;
using Kombu.Compression;
using Kombu.Exceptions;
using Kombu.Serialization;

// Directory.Build.props reads IsShipped before Kombu.Tests.csproj sets it, so tests inherit the XML-doc rule.

namespace Kombu.Tests.Compression;

[NonParallelizable]
[Category("Unit")]
public sealed class CompressorsTests
{
    // Body of the captured Redis publish in spec §5.10 (compression='zlib').
    private const string CapturedZlibBody =
        "eJyrVspIzcnJV7JSUCrPL8pJUdIBMjJS84AC1Urx8SWVBanx8SDZlMSS1JLM3FSQgvj4ssScUqiEkYGRia6Boa6BUYiBsZWBiZWBqVJtLQC9VRm4";

    private static readonly byte[] Sample = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"hello\": \"world\"} ", 200)));

    [Test]
    public void Decompress_CapturedPythonZlibBody_ReturnsKombuJson()
    {
        var body = Compressors.Decompress(Convert.FromBase64String(CapturedZlibBody), "application/x-gzip");

        Assert.That(Encoding.UTF8.GetString(body),
            Is.EqualTo("{\"hello\": \"world\", \"when\": {\"__type__\": \"datetime\", \"__value__\": \"2024-01-02T03:04:05\"}}"));
    }

    [Test]
    public void Decompress_CapturedPythonZlibBody_DecodesToHelloWorldAndNaiveDatetime()
    {
        var body = Compressors.Decompress(Convert.FromBase64String(CapturedZlibBody), "zlib");

        var value = Serializers.Loads(body, "application/json", "utf-8");

        Assert.That(value, Is.EqualTo(new Dictionary<string, object?>
        {
            ["hello"] = "world",
            ["when"] = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified),
        }));
    }

    [TestCase("zlib")]
    [TestCase("gzip")]
    [TestCase("application/x-gzip")]
    public void Compress_ZlibAliases_WritesZlibStreamWithGzipContentType(string method)
    {
        var (body, contentType) = Compressors.Compress(Sample, method);

        Assert.Multiple(() =>
        {
            Assert.That(contentType, Is.EqualTo("application/x-gzip"));
            Assert.That(body[..2], Is.EqualTo(new byte[] { 0x78, 0x9C }));
            Assert.That(Compressors.Decompress(body, method), Is.EqualTo(Sample));
        });
    }

    [TestCase("bzip2")]
    [TestCase("bzip")]
    [TestCase("application/x-bz2")]
    public void Compress_Bzip2Aliases_WritesBzh9StreamWithBz2ContentType(string method)
    {
        var (body, contentType) = Compressors.Compress(Sample, method);

        Assert.Multiple(() =>
        {
            Assert.That(contentType, Is.EqualTo("application/x-bz2"));
            Assert.That(Encoding.ASCII.GetString(body, 0, 4), Is.EqualTo("BZh9"));
            Assert.That(Compressors.Decompress(body, contentType), Is.EqualTo(Sample));
        });
    }

    [Test]
    public void Compress_EmptyBody_RoundTripsForEveryMethod()
    {
        foreach (var method in Compressors.Encoders())
            Assert.That(Compressors.Decompress(Compressors.Compress([], method).Body, method), Is.Empty, method);
    }

    [Test]
    public void Compress_UnknownMethod_ThrowsSerializerNotInstalledListingKnown()
    {
        Assert.That(() => Compressors.Compress(Sample, "lz4"),
            Throws.TypeOf<SerializerNotInstalledException>().With.Message.Contains("lz4").And.Message.Contains("zlib"));
    }

    [Test]
    public void Decompress_UnknownMethod_ThrowsSerializerNotInstalled()
    {
        Assert.That(() => Compressors.Decompress(Sample, "application/x-lz4"), Throws.TypeOf<SerializerNotInstalledException>());
    }

    [TestCase("zlib")]
    [TestCase("bzip2")]
    [TestCase("brotli")]
    [TestCase("lzma")]
    [TestCase("zstd")]
    public void Decompress_Garbage_ThrowsDecodeException(string method)
    {
        Assert.That(() => Compressors.Decompress("this is not compressed at all"u8.ToArray(), method), Throws.TypeOf<DecodeException>());
    }

    [TestCase("zlib")]
    [TestCase("bzip2")]
    [TestCase("brotli")]
    [TestCase("lzma")]
    [TestCase("zstd")]
    public void Decompress_Truncated_ThrowsDecodeException(string method)
    {
        var body = Compressors.Compress(Sample, method).Body;

        Assert.That(() => Compressors.Decompress(body[..(body.Length / 2)], method), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Decompress_GzipContainer_ThrowsDecodeException()
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Sample);

        Assert.That(() => Compressors.Decompress(output.ToArray(), "gzip"), Throws.TypeOf<DecodeException>());
    }

    [TestCase("zlib")]
    [TestCase("bzip2")]
    [TestCase("brotli")]
    [TestCase("lzma")]
    [TestCase("zstd")]
    public void Decompress_OverMaxDecompressedSize_ThrowsDecodeExceptionNamingLimit(string method)
    {
        var bomb = Compressors.Compress(new byte[1_000_000], method).Body;
        var saved = Compressors.MaxDecompressedSize;
        Compressors.MaxDecompressedSize = 100_000;
        try
        {
            Assert.That(() => Compressors.Decompress(bomb, method),
                Throws.TypeOf<DecodeException>().With.Message.Contains("100000"));
        }
        finally
        {
            Compressors.MaxDecompressedSize = saved;
        }
    }

    // bzip2 shares the bounded reader with the others; its managed compressor is too slow for tens of MiB here.
    [TestCase("zlib")]
    [TestCase("brotli")]
    [TestCase("lzma")]
    [TestCase("zstd")]
    public void Decompress_BodyOver16MiBWithinLimit_ReturnsItExactly(string method)
    {
        var original = new byte[17 << 20];
        new Random(7).NextBytes(original.AsSpan(0, 1 << 16));
        var compressed = Compressors.Compress(original, method).Body;

        var body = Compressors.Decompress(compressed, method);

        Assert.That(body.AsSpan().SequenceEqual(original), Is.True);
    }

    [TestCase("zlib")]
    [TestCase("lzma")]
    public void Decompress_BombOverLimit_AllocatesFarLessThanTheLimit(string method)
    {
        // 96 MiB of zeros against a 64 MiB limit: refused after counting, without holding the output.
        var bomb = Compressors.Compress(new byte[96 << 20], method).Body;
        var saved = Compressors.MaxDecompressedSize;
        Compressors.MaxDecompressedSize = 64 << 20;
        try
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Assert.That(() => Compressors.Decompress(bomb, method), Throws.TypeOf<DecodeException>());
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            TestContext.Out.WriteLine($"{method}: {allocated >> 20} MiB allocated refusing a 96 MiB bomb");

            Assert.That(allocated, Is.LessThan(24L << 20));
        }
        finally
        {
            Compressors.MaxDecompressedSize = saved;
        }
    }

    [Test]
    public void MaxDecompressedSize_Default_Is256MiB()
    {
        Assert.That(Compressors.MaxDecompressedSize, Is.EqualTo(256L * 1024 * 1024));
    }

    [Test]
    public void MaxDecompressedSize_Zero_ThrowsArgumentOutOfRange()
    {
        Assert.That(() => Compressors.MaxDecompressedSize = 0, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Encoders_AtStartup_ListsAllFiveInKombuOrder()
    {
        Assert.That(Compressors.Encoders(), Is.EqualTo(new[]
        {
            "application/x-gzip", "application/x-bz2", "application/x-brotli", "application/x-lzma", "application/zstd",
        }));
    }

    [Test]
    public void Register_CustomMethod_UsableByAliasAndUnregisterRemovesIt()
    {
        Compressors.Register(b => [.. b.Reverse()], b => [.. b.Reverse()], "application/x-kombu-test-reverse", "kombu-test-reverse");
        try
        {
            var (body, contentType) = Compressors.Compress([1, 2, 3], "kombu-test-reverse");

            Assert.Multiple(() =>
            {
                Assert.That(contentType, Is.EqualTo("application/x-kombu-test-reverse"));
                Assert.That(body, Is.EqualTo(new byte[] { 3, 2, 1 }));
                Assert.That(Compressors.GetDecoder("kombu-test-reverse")(body), Is.EqualTo(new byte[] { 1, 2, 3 }));
            });
        }
        finally
        {
            Compressors.Unregister("application/x-kombu-test-reverse");
        }
        Assert.That(() => Compressors.GetEncoder("kombu-test-reverse"), Throws.TypeOf<SerializerNotInstalledException>());
    }

    [Test]
    public void Unregister_Unknown_ReturnsFalse()
    {
        Assert.That(Compressors.Unregister("application/x-none"), Is.False);
    }

    [Test]
    public void GetEncoder_Alias_ReturnsContentType()
    {
        Assert.That(Compressors.GetEncoder("bzip").ContentType, Is.EqualTo("application/x-bz2"));
    }

    [Test]
    public void Decompress_CustomDecoderOverLimit_ThrowsDecodeException()
    {
        Compressors.Register(b => b, _ => new byte[200], "application/x-kombu-test-grow");
        var saved = Compressors.MaxDecompressedSize;
        Compressors.MaxDecompressedSize = 100;
        try
        {
            Assert.That(() => Compressors.Decompress([1], "application/x-kombu-test-grow"), Throws.TypeOf<DecodeException>());
        }
        finally
        {
            Compressors.MaxDecompressedSize = saved;
            Compressors.Unregister("application/x-kombu-test-grow");
        }
    }

    [Test]
    public void Decompress_ZlibWithTrailingBytes_IgnoresThemAsPython()
    {
        var body = Compressors.Compress(Sample, "zlib").Body;

        Assert.That(Compressors.Decompress([.. body, .. "garbage"u8], "zlib"), Is.EqualTo(Sample));
    }

    [Test]
    public void Decompress_ZlibWithWrongChecksum_ThrowsDecodeException()
    {
        var body = Compressors.Compress(Sample, "zlib").Body;
        body[^1] ^= 0xFF;

        Assert.That(() => Compressors.Decompress(body, "zlib"), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Decompress_EmptyZlibBody_ThrowsDecodeException()
    {
        Assert.That(() => Compressors.Decompress([], "zlib"), Throws.TypeOf<DecodeException>());
    }

    [Test]
    public void Compress_EmptyBody_MatchesPythonBytes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(Compressors.Compress([], "zlib").Body), Is.EqualTo("789C030000000001"));
            Assert.That(Convert.ToHexString(Compressors.Compress([], "bzip2").Body), Is.EqualTo("425A683917724538509000000000"));
        });
    }

    [Test]
    public void Compress_Bzip2SmallBody_MatchesPythonBytes()
    {
        Assert.That(Convert.ToHexString(Compressors.Compress("abc"u8.ToArray(), "bzip2").Body),
            Is.EqualTo("425A6839314159265359648CBB73000000010038002000219819846177245385090648CBB730"));
    }
}

using Kombu.Compression;
using Kombu.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kombu.Tests.Compression;

[Category("Unit")]
[NonParallelizable]
public sealed class CompressionLogTests
{
    [SetUp]
    public void Reset() => CompressionLog.ResetStoredWarning();

    [TearDown]
    public void ResetAfter() => CompressionLog.ResetStoredWarning();

    [Test]
    public void WarnIfStored_LzmaWithoutNativeLibrary_WarnsOncePerProcess()
    {
        var logger = new RecordingLogger();

        var first = CompressionLog.WarnIfStored(logger, Compressors.Lzma, nativeAvailable: false);
        var second = CompressionLog.WarnIfStored(logger, Compressors.Lzma, nativeAvailable: false);

        Assert.That((first, second), Is.EqualTo((true, false)));
        Assert.That(logger.Entries, Has.Count.EqualTo(1));
        Assert.That(logger.Entries[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(logger.Entries[0].Message, Does.Contain("liblzma").And.Contain("UNCOMPRESSED"));
    }

    [Test]
    public void WarnIfStored_NativeLibraryCompressed_StaysQuiet()
    {
        var logger = new RecordingLogger();

        Assert.That(CompressionLog.WarnIfStored(logger, Compressors.Lzma, nativeAvailable: true), Is.False);
        Assert.That(logger.Entries, Is.Empty);
    }

    [Test]
    public void WarnIfStored_OtherMethod_StaysQuiet()
    {
        var logger = new RecordingLogger();

        Assert.That(CompressionLog.WarnIfStored(logger, "application/x-gzip", nativeAvailable: false), Is.False);
        Assert.That(logger.Entries, Is.Empty);
    }

    [Test]
    public void WarnIfStored_LoggerDroppingWarnings_KeepsTheWarningForALoggerThatShowsIt()
    {
        CompressionLog.WarnIfStored(NullLogger.Instance, Compressors.Lzma, nativeAvailable: false);
        var logger = new RecordingLogger();

        Assert.That(CompressionLog.WarnIfStored(logger, Compressors.Lzma, nativeAvailable: false), Is.True);
    }

    [Test]
    public void Publish_Lzma_WarnsExactlyWhenTheBodyWentOutStored()
    {
        var factory = new RecordingLoggerFactory();
        using var connection = new Connection("memory://", loggerFactory: factory);
        var queue = new Queue($"lzma-log-{Guid.NewGuid():N}");
        var body = new string('a', 10_000);

        connection.CreateProducer().Publish(body, routingKey: queue.Name, compression: "lzma", declare: [queue]);
        var message = queue.Bind(connection.DefaultChannel).Get(noAck: true)!;

        Assert.That(message.Decode(), Is.EqualTo(body));
        Assert.That(factory.Logger.Entries.Count(e => e.EventId.Id == 501), Is.EqualTo(LibLzma.IsAvailable ? 0 : 1));
    }
}

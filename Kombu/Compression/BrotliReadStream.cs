using System.Buffers;
using System.IO.Compression;

namespace Kombu.Compression;

/// <summary>
/// A read-only stream that decodes one raw Brotli stream held in memory, refusing a truncated or invalid one as
/// Python's <c>brotli.decompress</c> does (BrotliStream would stop quietly at the end of a truncated stream).
/// </summary>
internal sealed class BrotliReadStream(byte[] body) : Stream
{
    private BrotliDecoder _decoder;
    private int _consumed;
    private bool _done;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        while (!_done && !buffer.IsEmpty)
        {
            var status = _decoder.Decompress(body.AsSpan(_consumed), buffer, out var consumed, out var written);
            _consumed += consumed;
            switch (status)
            {
                case OperationStatus.Done:
                    _done = true;
                    return written;
                case OperationStatus.DestinationTooSmall when written > 0:
                    return written;
                case OperationStatus.DestinationTooSmall when consumed > 0:
                    continue;
                case OperationStatus.NeedMoreData:
                    throw new InvalidDataException("incomplete or truncated brotli stream");
                default:
                    throw new InvalidDataException("invalid brotli stream");
            }
        }
        return 0;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _decoder.Dispose();
        base.Dispose(disposing);
    }
}

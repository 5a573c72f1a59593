using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Kombu.Transport.MongoDb;

/// <summary>Reads one fanout queue's messages from the capped broadcast collection with a tailable cursor.</summary>
/// <remarks>
/// Kombu's <c>BroadcastCursor</c>. The position is the number of the exchange's broadcast documents already read or
/// skipped: the cursor starts after the newest one (<c>skip(count)</c>), and when the server ends it (a tailable
/// cursor dies on an empty result, and servers without tailable cursors end every cursor) it is reopened at the same
/// position. When the server reports the position lost (capped roll-over), the cursor jumps past the newest message.
/// </remarks>
internal sealed class MongoDbBroadcastCursor : IDisposable
{
    private readonly IMongoCollection<BsonDocument> _collection;
    private readonly FilterDefinition<BsonDocument> _filter;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<BsonDocument> _buffer = new();
    private IAsyncCursor<BsonDocument>? _cursor;
    private long _offset;
    private bool _closed;

    private MongoDbBroadcastCursor(IMongoCollection<BsonDocument> collection, string queue, string exchange, ILogger logger)
    {
        _collection = collection;
        Queue = queue;
        Exchange = exchange;
        _logger = logger;
        _filter = Builders<BsonDocument>.Filter.Eq("queue", exchange);
    }

    /// <summary>The fanout queue served.</summary>
    public string Queue { get; }

    /// <summary>The fanout exchange whose broadcast documents are read.</summary>
    public string Exchange { get; }

    /// <summary>Opens a cursor positioned after the exchange's newest broadcast message.</summary>
    public static async Task<MongoDbBroadcastCursor> OpenAsync(IMongoCollection<BsonDocument> collection, string queue,
        string exchange, ILogger logger, CancellationToken cancellationToken)
    {
        var cursor = new MongoDbBroadcastCursor(collection, queue, exchange, logger);
        cursor._offset = await cursor.CountAsync(cancellationToken).ConfigureAwait(false);
        return cursor;
    }

    /// <summary>Takes the next broadcast message, or <see langword="null"/> when there is none yet.</summary>
    public async Task<BsonDocument?> NextAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
                return null;
            // At most one reopen per call: a server without tailable cursors ends each cursor after its first batch.
            for (var attempt = 0; _buffer.Count == 0 && attempt < 2; attempt++)
            {
                try
                {
                    _cursor ??= await _collection.FindAsync(_filter, new FindOptions<BsonDocument>
                    {
                        CursorType = CursorType.Tailable,
                        Skip = (int)Math.Min(_offset, int.MaxValue),
                    }, cancellationToken).ConfigureAwait(false);
                    if (await _cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
                    {
                        foreach (var document in _cursor.Current)
                            _buffer.Enqueue(document);
                        break;
                    }
                    CloseCursor();
                }
                catch (MongoCursorNotFoundException)
                {
                    // Killed or timed out at the server: reopen at the same position on the next attempt.
                    CloseCursor();
                }
                catch (MongoException ex) when (IsPositionLost(ex))
                {
                    CloseCursor();
                    _offset = await CountAsync(cancellationToken).ConfigureAwait(false);
                    MongoDbLog.BroadcastCursorLost(_logger, Queue, Exchange, ex.Message);
                    return null;
                }
            }
            if (!_buffer.TryDequeue(out var next))
                return null;
            _offset++;
            return next;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The number of broadcast messages not read yet.</summary>
    public async Task<long> SizeAsync(CancellationToken cancellationToken) =>
        Math.Max(0, await CountAsync(cancellationToken).ConfigureAwait(false) - _offset);

    /// <summary>Skips every message not read yet.</summary>
    /// <returns>The number skipped.</returns>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var count = await CountAsync(cancellationToken).ConfigureAwait(false);
            var skipped = Math.Max(0, count - _offset);
            CloseCursor();
            _buffer.Clear();
            _offset = count;
            return skipped;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the server cursor, waiting for a read in progress; later reads find nothing.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _closed = true;
            CloseCursor();
            _buffer.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<long> CountAsync(CancellationToken cancellationToken) =>
        await _collection.CountDocumentsAsync(_filter, cancellationToken: cancellationToken).ConfigureAwait(false);

    private void CloseCursor()
    {
        _cursor?.Dispose();
        _cursor = null;
    }

    private static bool IsPositionLost(MongoException ex) =>
        ex.Message.Contains("not valid at server", StringComparison.OrdinalIgnoreCase)
        || ex is MongoCommandException { CodeName: "CappedPositionLost" };
}

using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Kombu.Transport.MongoDb;

/// <summary>The four collections the transport uses in its database, with the indexes Kombu creates on connect.</summary>
/// <param name="Database">The database (from the URL or the virtual host).</param>
/// <param name="Messages">Point-to-point messages.</param>
/// <param name="Routing">Persisted bindings.</param>
/// <param name="Broadcast">The capped collection of fanout messages.</param>
/// <param name="Queues">Queue options (only with the <c>ttl</c> option).</param>
internal sealed record MongoDbCollections(IMongoDatabase Database, IMongoCollection<BsonDocument> Messages,
    IMongoCollection<BsonDocument> Routing, IMongoCollection<BsonDocument> Broadcast, IMongoCollection<BsonDocument> Queues)
{
    /// <summary>Opens the collections: creates the capped broadcast collection when missing, then the indexes.</summary>
    /// <param name="database">The database.</param>
    /// <param name="options">Collection names, capped size and ttl.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The collections.</returns>
    /// <remarks>Kombu's <c>_create_broadcast</c> and <c>_ensure_indexes</c>.</remarks>
    public static async Task<MongoDbCollections> OpenAsync(IMongoDatabase database, MongoDbTransportOptions options,
        ILogger logger, CancellationToken cancellationToken)
    {
        var names = await (await database.ListCollectionNamesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (!names.Contains(options.BroadcastCollection))
        {
            try
            {
                await database.CreateCollectionAsync(options.BroadcastCollection,
                    new CreateCollectionOptions { Capped = true, MaxSize = options.CappedQueueSize }, cancellationToken).ConfigureAwait(false);
                MongoDbLog.BroadcastCreated(logger, options.BroadcastCollection, options.CappedQueueSize, database.DatabaseNamespace.DatabaseName);
            }
            catch (MongoCommandException ex) when (ex.CodeName == "NamespaceExists")
            {
                // Another client created it between the listing and the create.
            }
        }
        var collections = new MongoDbCollections(database,
            database.GetCollection<BsonDocument>(options.MessagesCollection),
            database.GetCollection<BsonDocument>(options.RoutingCollection),
            database.GetCollection<BsonDocument>(options.BroadcastCollection),
            database.GetCollection<BsonDocument>(options.QueuesCollection));
        await collections.EnsureIndexesAsync(options.Ttl, cancellationToken).ConfigureAwait(false);
        return collections;
    }

    private async Task EnsureIndexesAsync(bool ttl, CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.IndexKeys;
        await Messages.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            keys.Ascending("queue").Ascending("priority").Ascending("_id"), new CreateIndexOptions { Background = true }),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await Broadcast.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(keys.Ascending("queue")),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await Routing.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(keys.Ascending("queue").Ascending("exchange")),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!ttl)
            return;
        foreach (var collection in new[] { Messages, Routing, Queues })
        {
            await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(keys.Ascending("expire_at"),
                new CreateIndexOptions { ExpireAfter = TimeSpan.Zero }), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}

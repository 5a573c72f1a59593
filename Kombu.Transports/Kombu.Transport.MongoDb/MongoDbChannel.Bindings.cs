using Kombu.Transport.Virtual;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Kombu.Transport.MongoDb;

public sealed partial class MongoDbChannel
{
    /// <inheritdoc/>
    /// <remarks>
    /// Upserts <c>{exchange, queue, routing_key, pattern}</c> into the routing collection (with <c>expire_at</c> from the
    /// queue's <c>x-expires</c> under ttl); a queue bound to a fanout exchange also gets its broadcast cursor. Headers
    /// bindings stay in this process: Kombu's MongoDB transport has no headers exchange to share them with.
    /// </remarks>
    protected override async ValueTask PersistBindingAsync(string exchange, BindingEntry entry, CancellationToken cancellationToken)
    {
        var type = TypeOf(exchange);
        if (type is HeadersExchange)
            return;
        if (type is FanoutExchange)
            await _transport.AddFanoutQueueAsync(entry.Queue, exchange, cancellationToken).ConfigureAwait(false);
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        var data = RoutingDocument(exchange, entry);
        if (Options.Ttl)
            data["expire_at"] = Bson(await QueueExpiryAsync(db, entry.Queue, "x-expires", cancellationToken).ConfigureAwait(false));
        await db.Routing.UpdateOneAsync(RoutingDocument(exchange, entry), new BsonDocument("$set", data),
            new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Deletes the routing document, so other processes stop routing with it too (Kombu leaves it).</remarks>
    protected override async ValueTask RemoveBindingAsync(string exchange, BindingEntry entry, CancellationToken cancellationToken)
    {
        if (TypeOf(exchange) is FanoutExchange)
            _transport.RemoveFanoutQueue(entry.Queue);
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        await db.Routing.DeleteManyAsync(RoutingDocument(exchange, entry), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>The bindings declared in this process plus every routing document of the exchange, read on each call.</remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "VSTHRD103:Call async methods when in an async method",
        Justification = "IMongoCollection.Find only builds a query; ToListAsync runs it.")]
    protected override async ValueTask<IReadOnlyList<BindingEntry>> GetTableAsync(string exchange, CancellationToken cancellationToken)
    {
        var local = await base.GetTableAsync(exchange, cancellationToken).ConfigureAwait(false);
        if (TypeOf(exchange) is HeadersExchange)
            return local;
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        var stored = await db.Routing.Find(Builders<BsonDocument>.Filter.Eq("exchange", exchange))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var table = new List<BindingEntry>(local.Count + stored.Count);
        var seen = new HashSet<(string, string?, string)>();
        foreach (var entry in local)
        {
            if (seen.Add((entry.RoutingKey, entry.Pattern, entry.Queue)))
                table.Add(entry);
        }
        foreach (var document in stored)
        {
            var routingKey = Text(document, "routing_key") ?? "";
            var pattern = Text(document, "pattern");
            var queue = Text(document, "queue") ?? "";
            if (seen.Add((routingKey, pattern, queue)))
                table.Add(new BindingEntry(routingKey, pattern, queue));
        }
        return table;
    }

    private static BsonDocument RoutingDocument(string exchange, BindingEntry entry) => new()
    {
        ["exchange"] = exchange,
        ["queue"] = entry.Queue,
        ["routing_key"] = entry.RoutingKey,
        ["pattern"] = entry.Pattern is null ? BsonNull.Value : entry.Pattern,
    };

    private static string? Text(BsonDocument document, string name) =>
        document.GetValue(name, BsonNull.Value) is BsonString text ? text.Value : null;
}

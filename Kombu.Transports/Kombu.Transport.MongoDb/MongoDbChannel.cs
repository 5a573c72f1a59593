using System.Globalization;
using Kombu.Transport.Virtual;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Kombu.Transport.MongoDb;

/// <summary>A virtual channel whose queues are documents in the <c>messages</c> collection (Kombu's <c>kombu.transport.mongodb.Channel</c>).</summary>
/// <remarks>
/// Messages are removed when received; fanout queues are read from the capped broadcast collection through the
/// connection's tailable cursors; bindings are upserted into the routing collection and read back on every publish.
/// </remarks>
public sealed class MongoDbChannel : VirtualChannel
{
    private const int MaxPriority = 9;
    private static readonly SortDefinition<BsonDocument> s_priorityOrder =
        Builders<BsonDocument>.Sort.Ascending("priority").Ascending("_id");

    private readonly MongoDbTransport _transport;

    internal MongoDbChannel(MongoDbTransport transport) : base(transport) => _transport = transport;

    private MongoDbTransportOptions Options => _transport.Options;

    /// <inheritdoc/>
    protected override async ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken)
    {
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        BsonDocument? document;
        if (await _transport.FanoutCursorAsync(queue, cancellationToken).ConfigureAwait(false) is { } cursor)
        {
            document = await cursor.NextAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            document = await db.Messages.FindOneAndDeleteAsync(QueueFilter(queue),
                new FindOneAndDeleteOptions<BsonDocument> { Sort = s_priorityOrder }, cancellationToken).ConfigureAwait(false);
        }
        if (Options.Ttl)
            await RefreshQueueExpiryAsync(db, queue, cancellationToken).ConfigureAwait(false);
        return document is null ? null : EnvelopeJson.Deserialize(Payload(document));
    }

    /// <inheritdoc/>
    /// <remarks>Stored priority = 9 − clamp(priority, 0, 9), so the lowest stored value is the most urgent.</remarks>
    protected override async ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken)
    {
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        var document = await MessageDocumentAsync(db, queue, envelope, cancellationToken).ConfigureAwait(false);
        await db.Messages.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>One ordered <c>insertMany</c> of the messages' documents.</remarks>
    protected override async ValueTask PutBatchAsync(string queue, IReadOnlyList<Envelope> envelopes,
        CancellationToken cancellationToken)
    {
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        var documents = new BsonDocument[envelopes.Count];
        for (var i = 0; i < documents.Length; i++)
            documents[i] = await MessageDocumentAsync(db, queue, envelopes[i], cancellationToken).ConfigureAwait(false);
        await db.Messages.InsertManyAsync(documents, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // Kombu's message document: {payload, queue, priority} and, with the ttl option, expire_at.
    private async ValueTask<BsonDocument> MessageDocumentAsync(MongoDbCollections db, string queue, Envelope envelope,
        CancellationToken cancellationToken)
    {
        var document = new BsonDocument
        {
            ["payload"] = EnvelopeJson.Serialize(envelope),
            ["queue"] = queue,
            ["priority"] = MaxPriority - Math.Clamp(envelope.Priority, 0, MaxPriority),
        };
        if (Options.Ttl)
            document["expire_at"] = Bson(await MessageExpiryAsync(db, queue, envelope, cancellationToken).ConfigureAwait(false));
        return document;
    }

    /// <inheritdoc/>
    /// <remarks>One document <c>{payload, queue: exchange}</c> in the broadcast collection; every bound queue's cursor reads it.</remarks>
    protected override async ValueTask PutFanoutAsync(string exchange, Envelope envelope, string routingKey,
        CancellationToken cancellationToken)
    {
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        await db.Broadcast.InsertOneAsync(new BsonDocument
        {
            ["payload"] = EnvelopeJson.Serialize(envelope),
            ["queue"] = exchange,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask<long> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        if (await _transport.FanoutCursorAsync(queue, cancellationToken).ConfigureAwait(false) is { } cursor)
            return await cursor.PurgeAsync(cancellationToken).ConfigureAwait(false);
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        var result = await db.Messages.DeleteManyAsync(QueueFilter(queue), cancellationToken).ConfigureAwait(false);
        return result.DeletedCount;
    }

    /// <inheritdoc/>
    /// <remarks>Always 0 when the <c>calc_queue_size</c> option is off.</remarks>
    protected override async ValueTask<long> SizeAsync(string queue, CancellationToken cancellationToken)
    {
        if (!Options.CalcQueueSize)
            return 0;
        if (await _transport.FanoutCursorAsync(queue, cancellationToken).ConfigureAwait(false) is { } cursor)
            return await cursor.SizeAsync(cancellationToken).ConfigureAwait(false);
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        return await db.Messages.CountDocumentsAsync(QueueFilter(queue), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Deletes the queue's messages, its routing documents (and its queues document with ttl) and closes its cursor.</remarks>
    protected override async ValueTask DeleteAsync(string queue, CancellationToken cancellationToken)
    {
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        await db.Routing.DeleteManyAsync(QueueFilter(queue), cancellationToken).ConfigureAwait(false);
        if (Options.Ttl)
            await db.Queues.DeleteOneAsync(IdFilter(queue), cancellationToken).ConfigureAwait(false);
        await db.Messages.DeleteManyAsync(QueueFilter(queue), cancellationToken).ConfigureAwait(false);
        _transport.RemoveFanoutQueue(queue);
        _transport.ForgetQueue(queue);
    }

    /// <inheritdoc/>
    protected override async ValueTask NewQueueAsync(string queue, CancellationToken cancellationToken)
    {
        await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        _transport.RememberQueue(queue);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// With <c>ttl</c>, also upserts <c>{_id: queue, options: declaration, expire_at: now + x-expires}</c> into
    /// <c>messages.queues</c>, where puts read <c>x-message-ttl</c> and gets refresh the expiry (Kombu's <c>_new_queue</c>).
    /// </remarks>
    protected override async ValueTask NewQueueAsync(string queue, IReadOnlyDictionary<string, object?> declaration,
        CancellationToken cancellationToken)
    {
        await NewQueueAsync(queue, cancellationToken).ConfigureAwait(false);
        if (!Options.Ttl)
            return;
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        var options = new BsonDocument();
        foreach (var (key, value) in declaration)
            options[key] = value is null ? BsonNull.Value : BsonTypeMapper.MapToBsonValue(value);
        DateTime? expireAt = declaration.GetValueOrDefault("arguments") is IDictionary<string, object?> arguments
            && arguments.TryGetValue("x-expires", out var expires) && expires is not (null or bool)
            ? DateTime.UtcNow.AddMilliseconds(Convert.ToDouble(expires, System.Globalization.CultureInfo.InvariantCulture))
            : null;
        var update = new BsonDocument("$set", new BsonDocument
        {
            ["_id"] = queue,
            ["options"] = options,
            ["expire_at"] = Bson(expireAt),
        });
        await db.Queues.UpdateOneAsync(IdFilter(queue), update, new UpdateOptions { IsUpsert = true }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A queue exists when this connection declared it, or when the database holds messages or bindings for it
    /// (Kombu's MongoDB channel says every queue exists, so a passive declaration never fails there).
    /// </remarks>
    protected override async ValueTask<bool> HasQueueAsync(string queue, CancellationToken cancellationToken)
    {
        if (_transport.IsDeclared(queue) || _transport.IsFanoutQueue(queue))
            return true;
        var db = await CollectionsAsync(cancellationToken).ConfigureAwait(false);
        var limit = new CountOptions { Limit = 1 };
        return await db.Messages.CountDocumentsAsync(QueueFilter(queue), limit, cancellationToken).ConfigureAwait(false) > 0
            || await db.Routing.CountDocumentsAsync(QueueFilter(queue), limit, cancellationToken).ConfigureAwait(false) > 0;
    }

    private ValueTask<MongoDbCollections> CollectionsAsync(CancellationToken cancellationToken) =>
        _transport.GetCollectionsAsync(cancellationToken);

    private static FilterDefinition<BsonDocument> QueueFilter(string queue) => Builders<BsonDocument>.Filter.Eq("queue", queue);

    private static FilterDefinition<BsonDocument> IdFilter(string queue) => Builders<BsonDocument>.Filter.Eq("_id", queue);

    private static string Payload(BsonDocument document) => document.GetValue("payload", BsonNull.Value) switch
    {
        BsonString text => text.Value,
        BsonBinaryData binary => System.Text.Encoding.UTF8.GetString(binary.Bytes),
        var other => throw new Kombu.Exceptions.DecodeException(
            $"MongoDB document {document.GetValue("_id", BsonNull.Value)} has no string 'payload' (found {other.BsonType}).")
    };

    // Bindings, kept in the routing collection.
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

    // Expiry times under the ttl option: x-message-ttl, expiration and x-expires.
    /// <summary>When a message put on <paramref name="queue"/> expires: the earlier of the queue's <c>x-message-ttl</c> and the message's <c>expiration</c>.</summary>
    private static async ValueTask<DateTime?> MessageExpiryAsync(MongoDbCollections db, string queue, Envelope envelope,
        CancellationToken cancellationToken)
    {
        var expireAt = await QueueExpiryAsync(db, queue, "x-message-ttl", cancellationToken).ConfigureAwait(false);
        if (envelope.Properties.TryGetValue("expiration", out var expiration) && expiration is not null
            && double.TryParse(Convert.ToString(expiration, CultureInfo.InvariantCulture), NumberStyles.Float,
                CultureInfo.InvariantCulture, out var milliseconds))
        {
            var messageExpiry = DateTime.UtcNow.AddMilliseconds(milliseconds);
            if (expireAt is null || messageExpiry < expireAt)
                expireAt = messageExpiry;
        }
        return expireAt;
    }

    /// <summary>Now plus the queue argument <paramref name="argument"/> (milliseconds) of the queue's document in <c>messages.queues</c>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "VSTHRD103:Call async methods when in an async method",
        Justification = "IMongoCollection.Find only builds a query; FirstOrDefaultAsync runs it.")]
    private static async ValueTask<DateTime?> QueueExpiryAsync(MongoDbCollections db, string queue, string argument,
        CancellationToken cancellationToken)
    {
        var document = await db.Queues.Find(IdFilter(queue)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is not null
            && document.GetValue("options", BsonNull.Value) is BsonDocument options
            && options.GetValue("arguments", BsonNull.Value) is BsonDocument arguments
            && arguments.GetValue(argument, BsonNull.Value) is { IsNumeric: true } value
            ? DateTime.UtcNow.AddMilliseconds(value.ToDouble())
            : null;
    }

    /// <summary>Moves the queue's routing and queues documents' <c>expire_at</c> forward by its <c>x-expires</c>, as every get does with ttl.</summary>
    private static async ValueTask RefreshQueueExpiryAsync(MongoDbCollections db, string queue, CancellationToken cancellationToken)
    {
        if (await QueueExpiryAsync(db, queue, "x-expires", cancellationToken).ConfigureAwait(false) is not { } expireAt)
            return;
        var update = Builders<BsonDocument>.Update.Set("expire_at", expireAt);
        await db.Routing.UpdateManyAsync(QueueFilter(queue), update, cancellationToken: cancellationToken).ConfigureAwait(false);
        await db.Queues.UpdateManyAsync(IdFilter(queue), update, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static BsonValue Bson(DateTime? value) => value is { } date ? new BsonDateTime(date) : BsonNull.Value;
}

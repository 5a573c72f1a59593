using System.Globalization;
using Kombu.Transport.Virtual;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Kombu.Transport.MongoDb;

public sealed partial class MongoDbChannel
{
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

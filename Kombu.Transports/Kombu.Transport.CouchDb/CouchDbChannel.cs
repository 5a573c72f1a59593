using Kombu.Transport.Virtual;

namespace Kombu.Transport.CouchDb;

/// <summary>A virtual channel whose queues are the message documents of one CouchDB database, found by view <c>kombu/messages</c>.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.couchdb.Channel</c>. A message document is deleted when it is received, so an
/// acknowledgement only settles it locally; a requeued or unacknowledged message is stored again as a new document.
/// </remarks>
public sealed class CouchDbChannel : VirtualChannel, IChannel
{
    // Rows read per receive: when another consumer deletes the first row first (409), the next is tried.
    private const int ReceiveBatch = 10;

    private static readonly IReadOnlyDictionary<string, ExchangeType> s_exchangeTypes =
        StandardExchangeTypes.Where(p => p.Key != "fanout").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private readonly CouchDbTransport _transport;

    internal CouchDbChannel(CouchDbTransport transport) : base(transport) => _transport = transport;

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, ExchangeType> ExchangeTypes => s_exchangeTypes;

    /// <inheritdoc/>
    /// <remarks>Deletes the oldest document of the queue and returns its payload; documents another consumer deleted first are skipped.</remarks>
    protected override async ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken)
    {
        var couch = await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var documents = await couch.QueryAsync(queue, ReceiveBatch, cancellationToken).ConfigureAwait(false);
            if (documents.Count == 0)
                return null;
            foreach (var document in documents)
            {
                if (await couch.DeleteAsync(document, cancellationToken).ConfigureAwait(false))
                    return EnvelopeJson.Deserialize(document.Payload);
            }
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken)
    {
        var couch = await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
        await couch.SaveAsync(CouchDbDocumentIds.Next(), queue, EnvelopeJson.Serialize(envelope), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Counts only the documents this call deleted, not those another consumer took meanwhile.</remarks>
    protected override async ValueTask<long> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        var couch = await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
        long purged = 0;
        foreach (var document in await couch.QueryAsync(queue, null, cancellationToken).ConfigureAwait(false))
        {
            if (await couch.DeleteAsync(document, cancellationToken).ConfigureAwait(false))
                purged++;
        }
        return purged;
    }

    /// <inheritdoc/>
    protected override async ValueTask<long> SizeAsync(string queue, CancellationToken cancellationToken)
    {
        var couch = await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await couch.QueryAsync(queue, null, cancellationToken).ConfigureAwait(false)).Count;
    }

    /// <inheritdoc/>
    /// <remarks>CouchDB has no queue object: the queue's documents are deleted and the declaration forgotten.</remarks>
    protected override async ValueTask DeleteAsync(string queue, CancellationToken cancellationToken)
    {
        _transport.RememberQueue(queue, declared: false);
        await PurgeAsync(queue, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>CouchDB needs nothing per queue, so the declaration is only remembered by the process.</remarks>
    protected override async ValueTask NewQueueAsync(string queue, CancellationToken cancellationToken)
    {
        await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
        _transport.RememberQueue(queue, declared: true);
    }

    /// <inheritdoc/>
    /// <remarks>A queue exists when this process declared it or the database holds a message for it.</remarks>
    protected override async ValueTask<bool> HasQueueAsync(string queue, CancellationToken cancellationToken)
    {
        if (_transport.IsDeclared(queue))
            return true;
        var couch = await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await couch.QueryAsync(queue, 1, cancellationToken).ConfigureAwait(false)).Count > 0;
    }

    /// <inheritdoc/>
    protected override string? RefuseExchangeType(string exchange, string type) =>
        type == "fanout" ? CouchDbErrors.FanoutNotSupported(exchange) : null;
}

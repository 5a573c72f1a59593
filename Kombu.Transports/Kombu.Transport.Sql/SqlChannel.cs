using System.Collections.Concurrent;
using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Sql;

/// <summary>A virtual channel whose queues are rows of Kombu's <c>kombu_queue</c> table and whose messages are <c>kombu_message</c> rows.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.sqlalchemy.Channel</c>. A delivered message is marked invisible at once and stays in the
/// table, as in Kombu; until it is settled its version is negative (a claim). Acknowledging makes it an ordinary consumed
/// row; a requeue or a restore on close makes the row itself visible again (marked redelivered). Beyond Kombu, rows
/// claimed longer than <see cref="SqlTransportOptions.VisibilityTimeout"/> ago (their consumer died) are made visible
/// again by the next poll of their queue. Exchanges and bindings live in process memory.
/// </remarks>
public sealed class SqlChannel : VirtualChannel
{
    private static readonly IReadOnlyDictionary<string, ExchangeType> s_exchangeTypes =
        StandardExchangeTypes.Where(p => p.Key != "fanout").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private readonly SqlTransport _transport;

    // The row each unsettled delivery of this channel claimed, by envelope instance.
    private readonly ConcurrentDictionary<Envelope, SqlClaim> _claims = new(ReferenceEqualityComparer.Instance);

    internal SqlChannel(SqlTransport transport) : base(transport) => _transport = transport;

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, ExchangeType> ExchangeTypes => s_exchangeTypes;

    private SqlStore Store => _transport.Store;

    /// <inheritdoc/>
    /// <remarks>
    /// First brings back rows of the queue whose claim expired (at most every half visibility timeout), then claims the
    /// oldest visible row in one transaction; a row whose payload is not an envelope is skipped and left consumed.
    /// </remarks>
    protected override async ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken)
    {
        await Store.RestoreExpiredIfDueAsync(queue, _transport.Options.VisibilityTimeout, _transport.Log, cancellationToken)
            .ConfigureAwait(false);
        while (await Store.ClaimAsync(queue, _transport.Log, cancellationToken).ConfigureAwait(false) is var (claim, payload))
        {
            try
            {
                var envelope = EnvelopeJson.Deserialize(payload);
                _claims[envelope] = claim;
                return envelope;
            }
            catch (DecodeException ex)
            {
                SqlLog.UndecodablePayload(_transport.Log, ex, claim.Id, queue);
                await Store.SettleAsync(claim, _transport.Log, cancellationToken).ConfigureAwait(false);
            }
        }
        return null;
    }

    /// <inheritdoc/>
    /// <remarks>An acknowledged or rejected message's row becomes an ordinary consumed row.</remarks>
    protected override async ValueTask OnSettledAsync(Envelope envelope, SettleOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome != SettleOutcome.Requeued && _claims.TryRemove(envelope, out var claim))
            await Store.SettleAsync(claim, _transport.Log, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask OnDeliveredNoAckAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        if (_claims.TryRemove(envelope, out var claim))
            await Store.SettleAsync(claim, _transport.Log, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A message this channel claimed goes back as its own row, made visible and marked redelivered (if the row's
    /// claim already expired, it is back already); any other is put back as a new row, as Kombu does.
    /// </remarks>
    protected internal override async ValueTask RestoreAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        if (_claims.TryRemove(envelope, out var claim))
        {
            await Store.RestoreAsync(claim, EnvelopeJson.Serialize(envelope.CloneForRestore()), _transport.Log, cancellationToken)
                .ConfigureAwait(false);
            return;
        }
        await base.RestoreAsync(envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken) =>
        Store.PutAsync(queue, EnvelopeJson.Serialize(envelope), _transport.Log, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Every row is inserted in one transaction on one pooled connection.</remarks>
    protected override ValueTask PutBatchAsync(string queue, IReadOnlyList<Envelope> envelopes,
        CancellationToken cancellationToken) =>
        Store.PutAsync(queue, envelopes.Select(EnvelopeJson.Serialize).ToArray(), _transport.Log, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Deletes every row of the queue, consumed ones included, and returns how many were deleted (Kombu's <c>_purge</c>).</remarks>
    protected override ValueTask<long> PurgeAsync(string queue, CancellationToken cancellationToken) =>
        Store.PurgeAsync(queue, _transport.Log, cancellationToken);

    /// <inheritdoc/>
    protected override ValueTask<long> SizeAsync(string queue, CancellationToken cancellationToken) =>
        Store.SizeAsync(queue, _transport.Log, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Deletes the queue's messages and its row, so a passive declaration fails afterwards (Kombu's virtual
    /// <c>_delete</c> only purges and keeps the row; Python Kombu recreates a missing row on its next use).
    /// </remarks>
    protected override ValueTask DeleteAsync(string queue, CancellationToken cancellationToken) =>
        Store.DeleteQueueAsync(queue, _transport.Log, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Whether the queue has a row in the queue table.</remarks>
    protected override ValueTask<bool> HasQueueAsync(string queue, CancellationToken cancellationToken) =>
        Store.HasQueueAsync(queue, _transport.Log, cancellationToken);

    /// <inheritdoc/>
    protected override ValueTask NewQueueAsync(string queue, CancellationToken cancellationToken) =>
        Store.EnsureQueueAsync(queue, _transport.Log, cancellationToken);

    /// <inheritdoc/>
    protected override string? RefuseExchangeType(string exchange, string type) =>
        type == "fanout" ? SqlErrors.FanoutNotSupported(exchange) : null;
}

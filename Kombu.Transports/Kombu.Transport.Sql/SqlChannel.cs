using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Sql;

/// <summary>A virtual channel whose queues are rows of Kombu's <c>kombu_queue</c> table and whose messages are <c>kombu_message</c> rows.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.sqlalchemy.Channel</c>. A delivered message is marked invisible at once and stays in the
/// table (acknowledging changes nothing in the database, as in Kombu); a requeue or a restore on close inserts a new
/// row. Exchanges and bindings live in process memory.
/// </remarks>
public sealed class SqlChannel : VirtualChannel
{
    private static readonly IReadOnlyDictionary<string, ExchangeType> s_exchangeTypes =
        StandardExchangeTypes.Where(p => p.Key != "fanout").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private readonly SqlTransport _transport;

    internal SqlChannel(SqlTransport transport) : base(transport) => _transport = transport;

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, ExchangeType> ExchangeTypes => s_exchangeTypes;

    private SqlStore Store => _transport.Store;

    /// <inheritdoc/>
    /// <remarks>Claims the oldest visible row in one transaction; a row whose payload is not an envelope is skipped.</remarks>
    protected override async ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken)
    {
        while (await Store.ClaimAsync(queue, _transport.Log, cancellationToken).ConfigureAwait(false) is var (id, payload))
        {
            try
            {
                return EnvelopeJson.Deserialize(payload);
            }
            catch (DecodeException ex)
            {
                SqlLog.UndecodablePayload(_transport.Log, ex, id, queue);
            }
        }
        return null;
    }

    /// <inheritdoc/>
    protected override ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken) =>
        Store.PutAsync(queue, EnvelopeJson.Serialize(envelope), _transport.Log, cancellationToken);

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

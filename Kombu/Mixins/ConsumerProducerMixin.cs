using Kombu.Transport;

namespace Kombu.Mixins;

/// <summary>A <see cref="ConsumerMixin"/> that also publishes, through a connection of its own.</summary>
/// <remarks>
/// Kombu's <c>kombu.mixins.ConsumerProducerMixin</c>. Publishing on the consuming connection would stall it when the
/// broker applies flow control, so <see cref="Producer"/> uses a clone of <see cref="ConsumerMixin.Connection"/>,
/// connected on first use and closed when the consumers end. An override of <see cref="OnConsumeEnd"/> must call
/// this one.
/// </remarks>
public abstract class ConsumerProducerMixin : ConsumerMixin
{
    private readonly Lock _lock = new();
    private Connection? _producerConnection;
    private Producer? _producer;

    /// <summary>The publishing connection: a clone of <see cref="ConsumerMixin.Connection"/>, connected with retries on first use.</summary>
    public Connection ProducerConnection
    {
        get
        {
            lock (_lock)
                return _producerConnection ??= EstablishConnection();
        }
    }

    /// <summary>A producer on the default channel of <see cref="ProducerConnection"/>.</summary>
    /// <remarks>Kombu makes a new <c>Producer</c> on each access, on the same channel; this one is kept until the consumers end.</remarks>
    public Producer Producer
    {
        get
        {
            lock (_lock)
            {
                _producerConnection ??= EstablishConnection();
                return _producer ??= new Producer(_producerConnection);
            }
        }
    }

    /// <inheritdoc cref="Producer"/>
    /// <returns>The producer.</returns>
    public async ValueTask<Producer> GetProducerAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_producerConnection is not null)
                return _producer ??= new Producer(_producerConnection);
        }
        var connection = await EstablishConnectionAsync(cancellationToken).ConfigureAwait(false);
        Producer producer;
        bool lostRace;
        lock (_lock)
        {
            lostRace = _producerConnection is not null;
            _producerConnection ??= connection;
            producer = _producer ??= new Producer(_producerConnection);
        }
        if (lostRace)
            await connection.DisposeAsync().ConfigureAwait(false);
        return producer;
    }

    /// <summary>Closes the publishing connection; the next use of <see cref="Producer"/> opens a new one.</summary>
    /// <param name="connection">The session's connection.</param>
    /// <param name="channel">The session's channel.</param>
    public override void OnConsumeEnd(Connection connection, IChannel channel)
    {
        Connection? producerConnection;
        lock (_lock)
        {
            producerConnection = _producerConnection;
            _producerConnection = null;
            _producer = null;
        }
        producerConnection?.Dispose();
    }
}

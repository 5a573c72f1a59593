namespace Kombu.Celery;

/// <summary>One producer on its own connection, shared by callers one at a time: task messages, results, events.</summary>
/// <remarks>Celery's <c>app.amqp.producer_pool</c> with one producer: publishing is short, so callers take turns.</remarks>
internal sealed class TaskPublisher : IAsyncDisposable
{
    private readonly Connection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Producer? _producer;

    /// <summary>Creates the publisher on a clone of <paramref name="template"/> (connected on first use).</summary>
    public TaskPublisher(Connection template) => _connection = template.Clone();

    /// <summary>The publisher's own connection.</summary>
    public Connection Connection => _connection;

    /// <summary>Runs <paramref name="publish"/> with the producer, alone.</summary>
    public async ValueTask RunAsync(Func<Producer, ValueTask> publish, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_producer is null)
            {
                await _connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
                var channel = await _connection.CreateChannelAsync(cancellationToken).ConfigureAwait(false);
                _producer = new Producer(channel, autoDeclare: false);
            }
            await publish(_producer).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _producer?.Dispose();
            _producer = null;
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}

using Kombu.Pools;

namespace Kombu.Extensions.Hosting;

/// <summary>The application's connection and producer pools, closed when the service provider is disposed (the pools
/// themselves are not disposable: Kombu's are closed with <c>force_close_all</c>).</summary>
/// <param name="connection">The application's connection, the template of the pooled ones.</param>
/// <param name="options">The pool limits.</param>
internal sealed class KombuPools(Connection connection, KombuOptions options) : IDisposable, IAsyncDisposable
{
    private readonly ConnectionPool _connections = connection.CreatePool(options.ConnectionPoolLimit);
    private ProducerPool? _producers;

    public ConnectionPool Connections => _connections;

    /// <summary>Producers on connections of <see cref="Connections"/>, as Kombu's <c>producers[connection]</c>.</summary>
    public ProducerPool Producers => _producers ??= new(_connections, options.ProducerPoolLimit);

    public void Dispose()
    {
        _producers?.ForceCloseAll();
        _connections.ForceCloseAll();
    }

    public async ValueTask DisposeAsync()
    {
        if (_producers is not null)
            await _producers.ForceCloseAllAsync().ConfigureAwait(false);
        await _connections.ForceCloseAllAsync().ConfigureAwait(false);
    }
}

using Kombu.Pools;

namespace Kombu;

public partial class Connection
{
    /// <summary>Creates a pool of connections with this connection's parameters.</summary>
    /// <param name="limit">Most connections out at once; <see langword="null"/> or 0 for no pooling.</param>
    /// <param name="preload">How many connections to open now.</param>
    /// <returns>The pool.</returns>
    /// <remarks>Kombu's <c>Connection.Pool</c>.</remarks>
    public ConnectionPool CreatePool(int? limit = null, int? preload = null) => new(this, limit, preload);

    /// <summary>Creates a pool of channels on this connection.</summary>
    /// <param name="limit">Most channels out at once; <see langword="null"/> or 0 for no pooling.</param>
    /// <param name="preload">How many channels to open now.</param>
    /// <returns>The pool.</returns>
    /// <remarks>Kombu's <c>Connection.ChannelPool</c>.</remarks>
    public ChannelPool CreateChannelPool(int? limit = null, int? preload = null) => new(this, limit, preload);
}

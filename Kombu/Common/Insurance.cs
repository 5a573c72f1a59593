using Kombu.Pools;
using Kombu.Transport;
using Microsoft.Extensions.Logging;

namespace Kombu.Common;

/// <summary>Runs broker work from a pool so that it completes despite intermittent connection failures.</summary>
/// <remarks>Kombu's <c>kombu.common.insured</c> and <c>ipublish</c>.</remarks>
public static class Insurance
{
    /// <summary>Runs <paramref name="fun"/> on a pooled connection, reconnecting and retrying on connection errors.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="pool">Where the connection comes from (it is returned afterwards).</param>
    /// <param name="fun">The work, given the connection and the channel to use (a new one after a reconnect).</param>
    /// <param name="policy">Retry limits and callbacks; failures are logged when it has no errback.</param>
    /// <returns>What <paramref name="fun"/> returned.</returns>
    public static T Insured<T>(ConnectionPool pool, Func<Connection, IChannel, T> fun, RetryPolicy? policy = null)
    {
        var connection = pool.Acquire(block: true);
        try
        {
            var errback = policy?.Errback ?? LogErrback(connection);
            connection.EnsureConnection(errback: errback);
            var effective = WithErrback(policy, errback);
            var (result, _) = connection.Autoretry(channel => fun(connection, channel), connection.DefaultChannel, effective)();
            return result;
        }
        finally
        {
            connection.Release();
        }
    }

    /// <summary>Publishes with a pooled producer, reviving it and retrying through connection errors.</summary>
    /// <param name="pool">Where the producer comes from (it is returned afterwards).</param>
    /// <param name="fun">The publishing work, given the producer.</param>
    /// <param name="policy">Retry limits and callbacks; failures are logged when it has no errback.</param>
    public static void IPublish(ProducerPool pool, Action<Producer> fun, RetryPolicy? policy = null)
    {
        var producer = pool.Acquire(block: true);
        try
        {
            var connection = producer.Connection;
            var effective = WithErrback(policy, policy?.Errback ?? LogErrback(connection));
            connection.Ensure(producer, () => fun(producer), effective)();
        }
        finally
        {
            producer.Release();
        }
    }

    private static RetryPolicy WithErrback(RetryPolicy? policy, Action<Exception, TimeSpan> errback) => new()
    {
        MaxRetries = policy?.MaxRetries,
        IntervalStart = policy?.IntervalStart,
        IntervalStep = policy?.IntervalStep,
        IntervalMax = policy?.IntervalMax,
        OnRevive = policy?.OnRevive,
        RetryErrors = policy?.RetryErrors,
        Errback = errback,
    };

    private static Action<Exception, TimeSpan> LogErrback(Connection connection)
    {
        var logger = connection.LoggerFactory.CreateLogger("Kombu.Common.Insurance");
        return (ex, interval) => logger.LogError(ex, "Connection error: {Message}. Retry in {Interval}", ex.Message, interval);
    }
}

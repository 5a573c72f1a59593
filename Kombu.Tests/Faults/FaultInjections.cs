using Kombu.Tests.Support;

namespace Kombu.Tests.Faults;

/// <summary>
/// The faults the suite injects, each returning the ledger time at which the broker (or the link) was back: RabbitMQ
/// (the dedicated node), Redis (the dedicated server) and the link itself (the fault proxy).
/// </summary>
internal static class FaultInjections
{
    /// <summary><c>rabbitmqctl stop_app</c>, a pause, <c>start_app</c>.</summary>
    public static Func<FaultProxy, DeliveryLedger, TimeSpan> RabbitStopApp(TimeSpan down) => (_, ledger) =>
    {
        FaultRabbit.StopApp();
        Thread.Sleep(down);
        FaultRabbit.StartApp();
        return ledger.Now;
    };

    /// <summary>SIGKILL to the RabbitMQ node, then its start script.</summary>
    public static TimeSpan RabbitKillAndRestart(FaultProxy proxy, DeliveryLedger ledger)
    {
        FaultRabbit.Kill();
        FaultRabbit.Start();
        return ledger.Now;
    }

    /// <summary>Redis <c>SHUTDOWN</c> (the append-only file keeps the data), then its start script.</summary>
    public static TimeSpan RedisShutdownAndRestart(FaultProxy proxy, DeliveryLedger ledger)
    {
        FaultRedis.Shutdown();
        FaultRedis.Start();
        return ledger.Now;
    }

    /// <summary><c>CLIENT KILL TYPE normal</c>: Redis closes every client connection and stays up.</summary>
    public static TimeSpan RedisClientKill(FaultProxy proxy, DeliveryLedger ledger)
    {
        FaultRedis.KillClients();
        return ledger.Now;
    }

    /// <summary>Every live connection through the proxy is reset.</summary>
    public static TimeSpan LinkReset(FaultProxy proxy, DeliveryLedger ledger)
    {
        proxy.Reset();
        return ledger.Now;
    }

    /// <summary>The link goes down: live connections reset, new ones refused for <paramref name="down"/>.</summary>
    public static Func<FaultProxy, DeliveryLedger, TimeSpan> LinkDown(TimeSpan down) => (proxy, ledger) =>
    {
        proxy.RefuseNew(true);
        proxy.Reset();
        Thread.Sleep(down);
        proxy.RefuseNew(false);
        return ledger.Now;
    };

    /// <summary>The link stalls (nothing forwarded either way, sockets open) for <paramref name="stalled"/>, then resumes.</summary>
    public static Func<FaultProxy, DeliveryLedger, TimeSpan> LinkStall(TimeSpan stalled) => (proxy, ledger) =>
    {
        proxy.Stall();
        Thread.Sleep(stalled);
        proxy.Resume();
        return ledger.Now;
    };
}

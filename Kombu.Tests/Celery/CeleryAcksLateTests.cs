using Kombu.Celery;
using Kombu.Tests.Transports.Redis;

namespace Kombu.Tests.Celery;

/// <summary>
/// When the worker acknowledges a task, read on Redis: a delivered message stays in the transport's <c>unacked</c> hash
/// until it is acknowledged, so the hash shows whether a running task's message was acked before or after it ran.
/// </summary>
public sealed class CeleryAcksLateTests
{
    private const int Db = 7;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [TestCase(true, 1L, TestName = "AcksLate_WhileRunning_MessageStaysUnacknowledged")]
    [TestCase(false, 0L, TestName = "AcksEarly_WhileRunning_MessageAlreadyAcknowledged")]
    public async Task RunningTask_UnackedRecord_FollowsAcksLate(bool acksLate, long unackedWhileRunning)
    {
        RedisTestServer.Require();
        var name = $"celery-acks-{Guid.NewGuid():N}";
        var unackedKey = name + ".unacked";
        var url = $"{RedisTestServer.Url(Db)}?unacked_key={unackedKey}&unacked_index_key={unackedKey}.index";
        var redis = RedisTestServer.Database(Db);
        using var started = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        await using var workerApp = new CeleryApp(url, "rpc://");
        await using var worker = new CeleryWorker(workerApp, new CeleryWorkerOptions { Queues = [name], Hostname = name + "@test", Concurrency = 1 })
            .Register("t.block", async () =>
            {
                started.Release();
                await release.WaitAsync(Wait);
                return "done";
            }, new TaskSettings { AcksLate = acksLate });
        var run = worker.RunAsync(stop.Token);
        try
        {
            await worker.Started.WaitAsync(Wait);
            await using var client = new CeleryApp(url, "rpc://");
            var result = await client.SendTaskAsync("t.block", options: new TaskOptions { Queue = name });
            Assert.That(await started.WaitAsync(Wait), Is.True, "the task did not start");
            // An early ack is pipelined (its reply is not awaited): wait for it to apply, the task still running.
            var whileRunning = acksLate ? await redis.HashLengthAsync(unackedKey) : await WaitForEmptyAsync(redis, unackedKey);
            release.Release();
            var value = await result.GetAsync(Wait);
            var after = await WaitForEmptyAsync(redis, unackedKey);

            Assert.That((whileRunning, value, after), Is.EqualTo((unackedWhileRunning, (object)"done", 0L)));
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(Wait);
            await redis.KeyDeleteAsync([name, unackedKey, unackedKey + ".index"]);
        }
    }

    // Acks are pipelined, and a late one is sent after the result is stored: the caller may read the result first.
    private static async Task<long> WaitForEmptyAsync(StackExchange.Redis.IDatabase redis, string key)
    {
        var deadline = DateTime.UtcNow + Wait;
        long length;
        while ((length = await redis.HashLengthAsync(key)) > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return length;
    }
}

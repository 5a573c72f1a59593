using Kombu.Transport.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>The bookkeeping of acknowledgements sent without waiting for their replies (pure logic, no server).</summary>
[TestFixture]
[Category("Unit")]
public sealed class PipelinedAcksTests
{
    [Test]
    public void Track_CompletedAcks_ReturnsAtOnce()
    {
        var acks = new PipelinedAcks();

        var tracked = acks.TrackAsync("t1", Task.CompletedTask);

        Assert.That(tracked.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public void Track_AfterAFailedAck_RaisesThatFailureOnce()
    {
        var acks = new PipelinedAcks();
        var failed = new TaskCompletionSource();
        _ = acks.TrackAsync("t1", failed.Task);
        failed.SetException(new InvalidOperationException("connection lost"));

        var error = Assert.Throws<InvalidOperationException>(() => _ = acks.TrackAsync("t2", Task.CompletedTask));

        Assert.That(error!.Message, Is.EqualTo("connection lost"));
        Assert.That(acks.TrackAsync("t3", Task.CompletedTask).IsCompletedSuccessfully, Is.True, "raised once, then forgotten");
    }

    [Test]
    public async Task Settle_WaitsForEveryOutstandingAck()
    {
        var acks = new PipelinedAcks();
        var pending = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource()).ToList();
        for (var i = 0; i < pending.Count; i++)
            await acks.TrackAsync($"t{i}", pending[i].Task);

        var settle = acks.SettleAsync(TimeSpan.FromSeconds(30)).AsTask();
        pending[0].SetResult();
        pending[2].SetResult();
        await Task.Delay(50);
        Assert.That(settle.IsCompleted, Is.False, "one reply is still outstanding");
        pending[1].SetResult();

        Assert.That(await settle.WaitAsync(TimeSpan.FromSeconds(5)), Is.Empty);
    }

    [Test]
    public async Task Settle_NamesFailedAndUnansweredAcks()
    {
        var acks = new PipelinedAcks();
        var failed = new TaskCompletionSource();
        var unanswered = new TaskCompletionSource();
        await acks.TrackAsync("ok", Task.CompletedTask);
        _ = acks.TrackAsync("failed", failed.Task);
        _ = acks.TrackAsync("unanswered", unanswered.Task);
        failed.SetException(new TimeoutException("no reply"));

        var unsettled = await acks.SettleAsync(TimeSpan.Zero);

        Assert.That(unsettled, Is.EquivalentTo(new[] { "failed", "unanswered" }));
        Assert.That(await acks.SettleAsync(TimeSpan.Zero), Is.Empty, "settling forgets them");
    }

    [Test]
    public async Task Settle_AfterAFailureWasRaised_StillNamesIt()
    {
        var acks = new PipelinedAcks();
        var failed = new TaskCompletionSource();
        _ = acks.TrackAsync("failed", failed.Task);
        failed.SetException(new TimeoutException("no reply"));
        Assert.Throws<TimeoutException>(() => _ = acks.TrackAsync("next", Task.CompletedTask));

        var unsettled = await acks.SettleAsync(TimeSpan.FromSeconds(1));

        Assert.That(unsettled, Is.EqualTo(new[] { "failed" }));
    }

    [Test]
    public async Task Track_PastTheLimit_WaitsForTheOldestReply()
    {
        var acks = new PipelinedAcks();
        var oldest = new TaskCompletionSource();
        await acks.TrackAsync("t0", oldest.Task);
        for (var i = 1; i < PipelinedAcks.MaxOutstanding; i++)
            await acks.TrackAsync($"t{i}", new TaskCompletionSource().Task);

        var overLimit = acks.TrackAsync("over", new TaskCompletionSource().Task).AsTask();
        await Task.Delay(50);
        Assert.That(overLimit.IsCompleted, Is.False, "the call waits while the oldest reply is outstanding");
        oldest.SetResult();

        await overLimit.WaitAsync(TimeSpan.FromSeconds(5));
    }
}

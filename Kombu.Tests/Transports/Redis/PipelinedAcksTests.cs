using Kombu.Transport.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>The bookkeeping of acknowledgements sent without waiting for their replies (pure logic, no server).</summary>
[TestFixture]
public sealed class PipelinedAcksTests
{
    [Test]
    public void Track_CompletedAcks_ReturnsAtOnce()
    {
        var acks = new PipelinedAcks();

        var tracked = acks.TrackAsync(Task.CompletedTask);

        Assert.That(tracked.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public void Track_AfterAFailedAck_RaisesThatFailureOnce()
    {
        var acks = new PipelinedAcks();
        var failed = new TaskCompletionSource();
        _ = acks.TrackAsync(failed.Task);
        failed.SetException(new InvalidOperationException("connection lost"));

        var error = Assert.Throws<InvalidOperationException>(() => acks.TrackAsync(Task.CompletedTask));

        Assert.That(error!.Message, Is.EqualTo("connection lost"));
        Assert.That(acks.TrackAsync(Task.CompletedTask).IsCompletedSuccessfully, Is.True, "raised once, then forgotten");
    }

    [Test]
    public async Task Flush_WaitsForEveryOutstandingAck()
    {
        var acks = new PipelinedAcks();
        var pending = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource()).ToList();
        foreach (var ack in pending)
            await acks.TrackAsync(ack.Task);

        var flush = acks.FlushAsync().AsTask();
        pending[0].SetResult();
        pending[2].SetResult();
        await Task.Delay(50);
        Assert.That(flush.IsCompleted, Is.False, "one reply is still outstanding");
        pending[1].SetResult();

        await flush.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Test]
    public void Flush_RaisesAFailureAmongOutstandingAcks()
    {
        var acks = new PipelinedAcks();
        var failed = new TaskCompletionSource();
        _ = acks.TrackAsync(failed.Task);
        failed.SetException(new TimeoutException("no reply"));

        Assert.ThrowsAsync<TimeoutException>(async () => await acks.FlushAsync());
    }

    [Test]
    public async Task Track_PastTheLimit_WaitsForTheOldestReply()
    {
        var acks = new PipelinedAcks();
        var oldest = new TaskCompletionSource();
        await acks.TrackAsync(oldest.Task);
        for (var i = 1; i < PipelinedAcks.MaxOutstanding; i++)
            await acks.TrackAsync(new TaskCompletionSource().Task);

        var overLimit = acks.TrackAsync(new TaskCompletionSource().Task).AsTask();
        await Task.Delay(50);
        Assert.That(overLimit.IsCompleted, Is.False, "the call waits while the oldest reply is outstanding");
        oldest.SetResult();

        await overLimit.WaitAsync(TimeSpan.FromSeconds(5));
    }
}

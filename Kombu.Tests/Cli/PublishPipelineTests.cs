using Kombu.Cli.Commands;
using Kombu.Exceptions;

namespace Kombu.Tests.Cli;

/// <summary><c>kombu publish</c>'s window of outstanding publishes (publisher confirms overlap instead of adding up).</summary>
[TestFixture]
[Category("Unit")]
public sealed class PublishPipelineTests
{
    private readonly List<TaskCompletionSource> _publishes = [];

    private ValueTask Publish()
    {
        var confirm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_publishes)
            _publishes.Add(confirm);
        return new ValueTask(confirm.Task);
    }

    private List<TaskCompletionSource> Unconfirmed()
    {
        lock (_publishes)
            return _publishes.Where(p => !p.Task.IsCompleted).ToList();
    }

    [Test]
    public async Task RunAsync_NoConfirmYet_PublishesAWholeWindowBeforeWaiting()
    {
        var done = 0;

        var run = PublishPipeline.RunAsync(1000, Publish, () => Interlocked.Increment(ref done));

        Assert.That((Unconfirmed().Count, done, run.IsCompleted), Is.EqualTo((PublishPipeline.Window, 0, false)),
            "a window of publishes awaiting their confirms, not one round trip each");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            var waiting = Unconfirmed();
            Assert.That(waiting, Has.Count.LessThanOrEqualTo(PublishPipeline.Window));
            waiting.ForEach(p => p.SetResult());
            await Task.Delay(1);
        }
        Assert.That(await run, Is.EqualTo((1000, (KombuException?)null)));
        Assert.That(done, Is.EqualTo(1000));
    }

    [Test]
    public async Task RunAsync_ConfirmFails_StopsAndCountsOnlyTheConfirmed()
    {
        var run = PublishPipeline.RunAsync(1000, Publish, () => { });
        Unconfirmed()[0].SetResult();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            // The connection is gone: every publish still waiting for its confirm fails.
            Unconfirmed().ForEach(p => p.SetException(new KombuConnectionException("connection lost")));
            await Task.Delay(1);
        }

        var (confirmed, error) = await run;

        Assert.That(confirmed, Is.EqualTo(1));
        Assert.That(error, Is.TypeOf<KombuConnectionException>());
        Assert.That(_publishes, Has.Count.EqualTo(PublishPipeline.Window + 1), "no publish after the failure but the one already started");
    }
}

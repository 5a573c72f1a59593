using Kombu.Cli.Commands;
using Kombu.Exceptions;

namespace Kombu.Tests.Cli;

/// <summary><c>kombu publish</c>'s batches: one publish call (one round trip, one wait for confirms) per batch.</summary>
[TestFixture]
[Category("Unit")]
public sealed class PublishPipelineTests
{
    [Test]
    public async Task RunAsync_CountOverBatch_PublishesWholeBatchesThenTheRest()
    {
        var sizes = new List<int>();
        var done = 0;

        var (confirmed, error) = await PublishPipeline.RunAsync(2500, 1000, size =>
        {
            sizes.Add(size);
            return ValueTask.CompletedTask;
        }, () => done++);

        Assert.That((sizes, confirmed, error, done), Is.EqualTo((new List<int> { 1000, 1000, 500 }, 2500, (KombuException?)null, 2500)));
    }

    [Test]
    public async Task RunAsync_BatchFails_StopsAndCountsOnlyTheCompletedBatches()
    {
        var calls = 0;
        var done = 0;

        var (confirmed, error) = await PublishPipeline.RunAsync(5000, 1000, _ =>
            ++calls == 2 ? ValueTask.FromException(new KombuConnectionException("connection lost")) : ValueTask.CompletedTask,
            () => done++);

        Assert.That((confirmed, done, calls), Is.EqualTo((1000, 1000, 2)), "no batch after the failed one, none of it counted");
        Assert.That(error, Is.TypeOf<KombuConnectionException>());
    }
}

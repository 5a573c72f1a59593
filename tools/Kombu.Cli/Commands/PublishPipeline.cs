using Kombu.Exceptions;

namespace Kombu.Cli.Commands;

/// <summary>
/// Publishes many messages in batches (<see cref="Producer.PublishBatchAsync"/>): with publisher confirms the broker's
/// confirms are awaited once per batch, and Redis takes a batch in one round trip.
/// </summary>
internal static class PublishPipeline
{
    /// <summary>The batch size when <c>--batch</c> is not given.</summary>
    public const int DefaultBatch = 1000;

    /// <summary>Publishes <paramref name="count"/> messages, <paramref name="batch"/> at a time, stopping at the first failure.</summary>
    /// <param name="count">How many messages to publish.</param>
    /// <param name="batch">The most messages per batch.</param>
    /// <param name="publishBatch">Publishes that many messages; completes when the broker has them all (confirmed, where confirms are on).</param>
    /// <param name="onDone">Called for each message the broker has.</param>
    /// <returns>How many the broker is known to have (the messages of completed batches), and the first error, if any.</returns>
    public static async Task<(int Done, KombuException? Error)> RunAsync(int count, int batch, Func<int, ValueTask> publishBatch,
        Action onDone)
    {
        var done = 0;
        while (done < count)
        {
            var size = Math.Min(batch, count - done);
            try
            {
                await publishBatch(size).ConfigureAwait(false);
            }
            catch (KombuException ex)
            {
                return (done, ex);
            }
            for (var i = 0; i < size; i++)
                onDone();
            done += size;
        }
        return (done, null);
    }
}

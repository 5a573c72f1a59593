using Kombu.Exceptions;

namespace Kombu.Cli.Commands;

/// <summary>
/// Publishes many messages with a window of outstanding publishes: with publisher confirms each publish completes
/// when the broker confirms it, so the broker's round trips overlap instead of adding up.
/// </summary>
internal static class PublishPipeline
{
    /// <summary>The most publishes awaiting their confirm at once.</summary>
    public const int Window = 256;

    /// <summary>Runs <paramref name="publish"/> <paramref name="count"/> times, stopping at the first failure.</summary>
    /// <param name="count">How many messages to publish.</param>
    /// <param name="publish">Publishes one message; completes when the broker has it (confirmed, where confirms are on).</param>
    /// <param name="onDone">Called for each message the broker has.</param>
    /// <returns>How many the broker has, and the first error, if any.</returns>
    public static async Task<(int Done, KombuException? Error)> RunAsync(int count, Func<ValueTask> publish, Action onDone)
    {
        var outstanding = new Queue<Task>(Math.Min(count, Window));
        var done = 0;
        KombuException? error = null;
        async Task SettleAsync(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
                done++;
                onDone();
            }
            catch (KombuException ex)
            {
                error ??= ex;
            }
        }
        for (var i = 0; i < count && error is null; i++)
        {
            try
            {
                outstanding.Enqueue(publish().AsTask());
            }
            catch (KombuException ex)
            {
                error = ex;
                break;
            }
            if (outstanding.Count >= Window)
                await SettleAsync(outstanding.Dequeue()).ConfigureAwait(false);
        }
        while (outstanding.Count > 0)
            await SettleAsync(outstanding.Dequeue()).ConfigureAwait(false);
        return (done, error);
    }
}

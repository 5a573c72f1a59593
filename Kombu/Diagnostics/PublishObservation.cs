using System.Diagnostics;
using Kombu.Transport;

namespace Kombu.Diagnostics;

/// <summary>One publish as traced and measured: its span, start time and tags, or nothing when nobody listens.</summary>
internal readonly struct PublishObservation
{
    private readonly Activity? _previous;
    private readonly long _started;
    private readonly string? _system;
    private readonly string _exchange;
    private readonly int _count;

    private PublishObservation(Activity? activity, Activity? previous, string system, string exchange, int count)
    {
        _count = count;
        Activity = activity;
        _previous = previous;
        _started = Stopwatch.GetTimestamp();
        _system = system;
        _exchange = exchange;
    }

    /// <summary>The publish span, current until <see cref="TrackAsync"/> or <see cref="Fail"/>; <see langword="null"/> when untraced.</summary>
    public Activity? Activity { get; }

    /// <summary>Starts observing a publish; the default value (which does nothing) when no listener wants it.</summary>
    public static PublishObservation Start(IChannel channel, string exchange, string routingKey)
    {
        var previous = KombuTracing.Source.HasListeners() ? Activity.Current : null;
        var activity = KombuTracing.StartPublish(channel, exchange, routingKey);
        if (activity is null && !KombuMetrics.Published.Enabled && !KombuMetrics.PublishDuration.Enabled)
            return default;
        return new PublishObservation(activity, previous, MessagingTags.SystemOf(channel.Transport), exchange, 1);
    }

    /// <summary>Starts observing a batch publish: one span linked to the messages' create spans, one count per message.</summary>
    public static PublishObservation StartBatch(IChannel channel, string exchange, string routingKey, int count,
        IEnumerable<ActivityLink>? links)
    {
        var previous = KombuTracing.Source.HasListeners() ? Activity.Current : null;
        var activity = KombuTracing.StartPublishBatch(channel, exchange, routingKey, count, links);
        if (activity is null && !KombuMetrics.Published.Enabled && !KombuMetrics.PublishDuration.Enabled)
            return default;
        return new PublishObservation(activity, previous, MessagingTags.SystemOf(channel.Transport), exchange, count);
    }

    /// <summary>Records a publish that failed before it was sent.</summary>
    public void Fail(Exception error)
    {
        if (_system is null)
            return;
        if (Activity is not null)
            Activity.Current = _previous;
        Complete(this, error);
    }

    /// <summary>Gives back the caller's current span and records the publish when <paramref name="sending"/> completes.</summary>
    public ValueTask TrackAsync(ValueTask sending)
    {
        if (_system is null)
            return sending;
        if (Activity is not null)
            Activity.Current = _previous;
        return CompleteAsync(this, sending);
    }

    private static async ValueTask CompleteAsync(PublishObservation observation, ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Complete(observation, ex);
            throw;
        }
        Complete(observation, null);
    }

    private static void Complete(PublishObservation observation, Exception? error)
    {
        if (observation.Activity is { } activity)
        {
            if (error is not null)
                KombuTracing.Fail(activity, error);
            activity.Dispose();
        }
        if (KombuMetrics.Published.Enabled || KombuMetrics.PublishDuration.Enabled)
        {
            var tags = KombuMetrics.PublishTags(observation._system!, observation._exchange, error);
            KombuMetrics.Published.Add(observation._count, tags);
            KombuMetrics.PublishDuration.Record(Stopwatch.GetElapsedTime(observation._started).TotalSeconds, tags);
        }
    }
}

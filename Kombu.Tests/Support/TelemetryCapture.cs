using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kombu.Diagnostics;

namespace Kombu.Tests.Support;

/// <summary>Listens to Kombu's ActivitySource and Meter while alive: the spans that ended and the measurements taken.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KombuDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KombuDiagnostics.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    /// <summary>The spans that ended so far, in order.</summary>
    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    /// <summary>How many measurements of <paramref name="instrument"/> carried tag <paramref name="tag"/> = <paramref name="value"/>.</summary>
    public int Count(string instrument, string tag, object? value) =>
        _measurements.Count(m => m.Instrument == instrument && m.Tags.TryGetValue(tag, out var v) && Equals(v, value));

    /// <summary>The sum of the measurements of <paramref name="instrument"/> carrying tag <paramref name="tag"/> = <paramref name="value"/>.</summary>
    public double Sum(string instrument, string tag, object? value) =>
        _measurements.Where(m => m.Instrument == instrument && m.Tags.TryGetValue(tag, out var v) && Equals(v, value)).Sum(m => m.Value);

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
            map[key] = tagValue;
        _measurements.Enqueue((instrument.Name, value, map));
    }
}

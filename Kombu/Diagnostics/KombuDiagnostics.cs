namespace Kombu.Diagnostics;

/// <summary>The names under which Kombu reports traces and metrics, for OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>.</summary>
/// <remarks>
/// Not in Kombu. Spans follow the OpenTelemetry messaging semantic conventions: <c>publish</c> (kind Producer),
/// <c>process</c> around consumer callbacks and <c>receive</c> around <c>Queue.Get</c> (kind Consumer); the publish
/// span's W3C <c>traceparent</c>/<c>tracestate</c> travel in the message headers. Nothing is recorded, and no header
/// added, unless a listener is attached.
/// </remarks>
public static class KombuDiagnostics
{
    /// <summary>The name of Kombu's <see cref="System.Diagnostics.ActivitySource"/>: <c>Kombu</c>.</summary>
    public const string ActivitySourceName = "Kombu";

    /// <summary>The name of Kombu's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>Kombu</c>.</summary>
    public const string MeterName = "Kombu";
}

using System.Diagnostics;

namespace Kombu.Diagnostics;

/// <summary>W3C trace context in message headers: written on publish, read on consume.</summary>
internal static class TraceContext
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>Adds the activity's <c>traceparent</c> (and <c>tracestate</c>) to the headers, creating them if need be.</summary>
    public static void Inject(Activity activity, ref Dictionary<string, object?>? headers)
    {
        if (activity.IdFormat != ActivityIdFormat.W3C || activity.Id is not { } id)
            return;
        headers ??= new(StringComparer.Ordinal);
        headers[TraceParent] = id;
        if (activity.TraceStateString is { Length: > 0 } state)
            headers[TraceState] = state;
    }

    /// <summary>The context a message's headers carry, if they carry a valid one.</summary>
    public static bool TryExtract(Message message, out ActivityContext context)
    {
        context = default;
        return message.Headers.TryGetValue(TraceParent, out var parent) && parent is string text &&
            ActivityContext.TryParse(text, message.Headers.TryGetValue(TraceState, out var state) ? state as string : null,
                isRemote: true, out context);
    }
}

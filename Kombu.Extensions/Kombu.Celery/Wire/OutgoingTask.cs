namespace Kombu.Celery.Wire;

/// <summary>A built task message: its body, headers and reply address.</summary>
/// <param name="Body">Protocol 2: <c>[args, kwargs, embed]</c>; protocol 1: the task map.</param>
/// <param name="Headers">Message headers (protocol 2's task headers; protocol 1's are only the caller's).</param>
/// <param name="ReplyTo">The <c>reply_to</c> property.</param>
internal sealed record OutgoingTask(object Body, Dictionary<string, object?> Headers, string ReplyTo);

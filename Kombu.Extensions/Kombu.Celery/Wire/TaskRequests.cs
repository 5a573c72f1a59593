namespace Kombu.Celery.Wire;

/// <summary>Reads a received task message (protocol 2, protocol 1, or hybrid) into a <see cref="TaskContext"/>.</summary>
/// <remarks>Celery's <c>Consumer.on_task_received</c> detection, <c>proto1_to_proto2</c> and <c>hybrid_to_proto2</c>.</remarks>
internal static class TaskRequests
{
    /// <summary>Parses a message.</summary>
    /// <param name="message">The message (decoded here with its accept list).</param>
    /// <param name="hostname">The worker's node name.</param>
    /// <returns>The request.</returns>
    /// <exception cref="FormatException">The message is not a Celery task.</exception>
    public static TaskContext Parse(Message message, string hostname)
    {
        var body = message.Decode();
        var headers = message.Headers;
        var deliveryInfo = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["exchange"] = message.Exchange ?? "",
            ["routing_key"] = message.RoutingKey ?? "",
            ["priority"] = message.Properties.Get("priority"),
            ["redelivered"] = message.DeliveryInfo.Get("redelivered") ?? false,
        };
        var replyTo = message.Properties.Get("reply_to") as string;
        var correlationId = message.Properties.Get("correlation_id") as string;
        if (headers.Get("task") is string)
        {
            IDictionary<string, object?> h = headers;
            IList<object?> args;
            IDictionary<string, object?> kwargs;
            IDictionary<string, object?> embed;
            if (body is IDictionary<string, object?> hybrid)
            {
                args = WireValues.ToList(hybrid.Get("args")) ?? [];
                kwargs = WireValues.ToMap(hybrid.Get("kwargs")) ?? new Dictionary<string, object?>();
                embed = hybrid;
            }
            else if (WireValues.ToList(body) is { Count: >= 2 } parts)
            {
                args = WireValues.ToList(parts[0]) ?? throw new FormatException("task args must be a list");
                kwargs = WireValues.ToMap(parts[1]) ?? throw new FormatException("task kwargs must be a mapping");
                embed = parts.Count > 2 ? WireValues.ToMap(parts[2]) ?? new Dictionary<string, object?>() : new Dictionary<string, object?>();
            }
            else
            {
                throw new FormatException("a protocol 2 body must be [args, kwargs, embed]");
            }
            var timeLimit = WireValues.ToList(h.Get("timelimit"));
            var id = h.Get("id") as string ?? throw new FormatException("missing task id");
            return new TaskContext
            {
                Id = id,
                Task = (string)h["task"]!,
                Args = [.. args],
                Kwargs = kwargs.AsReadOnly(),
                Retries = WireValues.ToInt(h.Get("retries")) ?? 0,
                Eta = WireValues.ParseTime(h.Get("eta")),
                Expires = WireValues.ParseTime(h.Get("expires")),
                ParentId = h.Get("parent_id") as string,
                RootId = h.Get("root_id") as string ?? id,
                GroupId = h.Get("group") as string,
                GroupIndex = WireValues.ToInt(h.Get("group_index")),
                ReplyTo = replyTo,
                CorrelationId = correlationId ?? id,
                Origin = h.Get("origin") as string,
                Shadow = h.Get("shadow") as string,
                IgnoreResult = WireValues.ToBool(h.Get("ignore_result")),
                TimeLimit = timeLimit is { Count: > 0 } ? WireValues.ToSeconds(timeLimit[0]) : null,
                SoftTimeLimit = timeLimit is { Count: > 1 } ? WireValues.ToSeconds(timeLimit[1]) : null,
                Callbacks = SignatureOptions.Signatures(embed.Get("callbacks")),
                Errbacks = SignatureOptions.Signatures(embed.Get("errbacks")),
                Chain = SignatureOptions.Signatures(embed.Get("chain")),
                Chord = WireValues.ToMap(embed.Get("chord")) is { } chord ? Signature.FromDictionary(chord) : null,
                ArgsRepr = h.Get("argsrepr") as string ?? PythonText.ArgsRepr([.. args]),
                KwargsRepr = h.Get("kwargsrepr") as string ?? PythonText.KwargsRepr(kwargs),
                Protocol = body is IDictionary<string, object?> ? 1 : 2,
                DeliveryInfo = deliveryInfo,
                Hostname = hostname,
                Message = message,
            };
        }
        if (body is IDictionary<string, object?> v1 && v1.Get("task") is string name)
        {
            var id = v1.Get("id") as string ?? throw new FormatException("missing task id");
            var args = WireValues.ToList(v1.Get("args")) ?? [];
            var kwargs = WireValues.ToMap(v1.Get("kwargs")) ?? new Dictionary<string, object?>();
            var timeLimit = WireValues.ToList(v1.Get("timelimit"));
            return new TaskContext
            {
                Id = id,
                Task = name,
                Args = [.. args],
                Kwargs = kwargs.AsReadOnly(),
                Retries = WireValues.ToInt(v1.Get("retries")) ?? 0,
                Eta = WireValues.ParseTime(v1.Get("eta")),
                Expires = WireValues.ParseTime(v1.Get("expires")),
                RootId = id,
                GroupId = v1.Get("taskset") as string ?? v1.Get("group") as string,
                GroupIndex = WireValues.ToInt(v1.Get("group_index")),
                ReplyTo = replyTo,
                CorrelationId = correlationId ?? id,
                TimeLimit = timeLimit is { Count: > 0 } ? WireValues.ToSeconds(timeLimit[0]) : null,
                SoftTimeLimit = timeLimit is { Count: > 1 } ? WireValues.ToSeconds(timeLimit[1]) : null,
                Callbacks = SignatureOptions.Signatures(v1.Get("callbacks")),
                Errbacks = SignatureOptions.Signatures(v1.Get("errbacks")),
                Chord = WireValues.ToMap(v1.Get("chord")) is { } chord ? Signature.FromDictionary(chord) : null,
                ArgsRepr = PythonText.ArgsRepr([.. args]),
                KwargsRepr = PythonText.KwargsRepr(kwargs),
                Protocol = 1,
                DeliveryInfo = deliveryInfo,
                Hostname = hostname,
                Message = message,
            };
        }
        throw new FormatException("neither a 'task' header nor a protocol 1 body");
    }
}

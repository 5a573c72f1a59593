namespace Kombu.Celery.Wire;

/// <summary>Builds Celery task messages in protocol 2 (headers + <c>[args, kwargs, embed]</c>) or protocol 1 (one map).</summary>
/// <remarks>Celery's <c>AMQP.as_task_v2</c> and <c>as_task_v1</c>.</remarks>
internal static class TaskMessages
{
    /// <summary>Builds the message of one task.</summary>
    public static OutgoingTask Build(CeleryApp app, string name, string id, IReadOnlyList<object?> args,
        IDictionary<string, object?> kwargs, TaskOptions o, int protocol)
    {
        var now = DateTimeOffset.UtcNow;
        var eta = o.Eta ?? (o.Countdown is { } countdown && countdown > TimeSpan.Zero ? now + countdown : null);
        var expires = o.ExpiresAt ?? (o.Expires is { } e ? now + e : null);
        var etaText = eta is { } et ? WireValues.IsoFormat(et) : null;
        var expiresText = expires is { } ex ? WireValues.IsoFormat(ex) : null;
        var replyTo = o.ReplyTo ?? app.Oid;
        var timeLimit = new List<object?> { WireValues.Seconds(o.TimeLimit), WireValues.Seconds(o.SoftTimeLimit) };
        var callbacks = SignatureOptions.SignatureDicts(o.Link);
        var errbacks = SignatureOptions.SignatureDicts(o.LinkError);
        var chord = o.Chord?.ToDictionary();
        var argList = args.ToList();
        var extra = o.Headers ?? new Dictionary<string, object?>();
        if (protocol == 1)
        {
            var body = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["task"] = name,
                ["id"] = id,
                ["args"] = argList,
                ["kwargs"] = kwargs,
                ["group"] = o.GroupId,
                ["group_index"] = o.GroupIndex is { } gi ? (long)gi : null,
                ["retries"] = (long)o.Retries,
                ["eta"] = etaText,
                ["expires"] = expiresText,
                ["utc"] = true,
                ["callbacks"] = callbacks,
                ["errbacks"] = errbacks,
                ["timelimit"] = timeLimit,
                ["taskset"] = o.GroupId,
                ["chord"] = chord,
            };
            return new OutgoingTask(body, new Dictionary<string, object?>(extra, StringComparer.Ordinal), replyTo);
        }
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["lang"] = "py",
            ["task"] = name,
            ["id"] = id,
            ["shadow"] = o.Shadow,
            ["eta"] = etaText,
            ["expires"] = expiresText,
            ["group"] = o.GroupId,
            ["group_index"] = o.GroupIndex is { } index ? (long)index : null,
            ["retries"] = (long)o.Retries,
            ["timelimit"] = timeLimit,
            ["root_id"] = o.RootId ?? id,
            ["parent_id"] = o.ParentId,
            ["argsrepr"] = PythonText.ArgsRepr(argList),
            ["kwargsrepr"] = PythonText.KwargsRepr(kwargs),
            ["origin"] = app.Origin,
            ["ignore_result"] = o.IgnoreResult,
        };
        foreach (var (key, value) in extra)
            headers[key] = value;
        var embed = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["callbacks"] = callbacks,
            ["errbacks"] = errbacks,
            ["chain"] = SignatureOptions.SignatureDicts(o.Chain),
            ["chord"] = chord,
        };
        return new OutgoingTask(new List<object?> { argList, kwargs, embed }, headers, replyTo);
    }
}

namespace Kombu.Celery.Wire;

/// <summary>Reads and writes <see cref="TaskOptions"/> as the <c>options</c> map of a Celery signature.</summary>
internal static class SignatureOptions
{
    /// <summary>Reads an options map; unknown keys are ignored.</summary>
    public static TaskOptions Read(IDictionary<string, object?>? o)
    {
        if (o is null)
            return new TaskOptions();
        var expires = o.Get("expires");
        return new TaskOptions
        {
            Queue = QueueName(o.Get("queue")),
            Exchange = o.Get("exchange") as string,
            RoutingKey = o.Get("routing_key") as string,
            TaskId = o.Get("task_id") as string,
            Countdown = WireValues.ToSeconds(o.Get("countdown")),
            Eta = WireValues.ParseTime(o.Get("eta")),
            Expires = expires is string ? null : WireValues.ToSeconds(expires),
            ExpiresAt = expires is string ? WireValues.ParseTime(expires) : null,
            Priority = WireValues.ToInt(o.Get("priority")),
            Retries = WireValues.ToInt(o.Get("retries")) ?? 0,
            TimeLimit = WireValues.ToSeconds(o.Get("time_limit")),
            SoftTimeLimit = WireValues.ToSeconds(o.Get("soft_time_limit")),
            Headers = WireValues.ToMap(o.Get("headers"))?.AsReadOnly(),
            Serializer = o.Get("serializer") as string,
            Compression = o.Get("compression") as string,
            Link = Signatures(o.Get("link")),
            LinkError = Signatures(o.Get("link_error")),
            IgnoreResult = WireValues.ToBool(o.Get("ignore_result")),
            Shadow = o.Get("shadow") as string,
            ParentId = o.Get("parent_id") as string,
            RootId = o.Get("root_id") as string,
            GroupId = o.Get("group_id") as string,
            GroupIndex = WireValues.ToInt(o.Get("group_index")),
            ReplyTo = o.Get("reply_to") as string,
            Chain = Signatures(o.Get("chain")),
            Chord = WireValues.ToMap(o.Get("chord")) is { } chord ? Signature.FromDictionary(chord) : null,
        };
    }

    /// <summary>Writes the options that are set.</summary>
    public static Dictionary<string, object?> Write(TaskOptions t)
    {
        var o = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Put(string key, object? value)
        {
            if (value is not null)
                o[key] = value;
        }
        Put("task_id", t.TaskId);
        Put("reply_to", t.ReplyTo);
        Put("queue", t.Queue);
        Put("exchange", t.Exchange);
        Put("routing_key", t.RoutingKey);
        Put("countdown", WireValues.Seconds(t.Countdown));
        Put("eta", t.Eta is { } eta ? WireValues.IsoFormat(eta) : null);
        Put("expires", t.ExpiresAt is { } at ? WireValues.IsoFormat(at) : WireValues.Seconds(t.Expires));
        Put("priority", t.Priority is { } p ? (long)p : null);
        if (t.Retries != 0)
            o["retries"] = (long)t.Retries;
        Put("time_limit", WireValues.Seconds(t.TimeLimit));
        Put("soft_time_limit", WireValues.Seconds(t.SoftTimeLimit));
        Put("headers", t.Headers is null ? null : new Dictionary<string, object?>(t.Headers, StringComparer.Ordinal));
        Put("serializer", t.Serializer);
        Put("compression", t.Compression);
        Put("link", SignatureDicts(t.Link));
        Put("link_error", SignatureDicts(t.LinkError));
        if (t.IgnoreResult)
            o["ignore_result"] = true;
        Put("shadow", t.Shadow);
        Put("parent_id", t.ParentId);
        Put("root_id", t.RootId);
        Put("group_id", t.GroupId);
        Put("group_index", t.GroupIndex is { } gi ? (long)gi : null);
        Put("chain", SignatureDicts(t.Chain));
        Put("chord", t.Chord?.ToDictionary());
        return o;
    }

    /// <summary>Signature maps of a list of signatures, or <see langword="null"/> when there are none.</summary>
    public static List<object?>? SignatureDicts(IReadOnlyList<Signature>? signatures) =>
        signatures is { Count: > 0 } ? [.. signatures.Select(s => (object?)s.ToDictionary())] : null;

    /// <summary>Reads a list of signature maps.</summary>
    public static IReadOnlyList<Signature>? Signatures(object? value) =>
        WireValues.ToList(value) is { } list
            ? [.. list.OfType<IDictionary<string, object?>>().Select(m => Signature.FromDictionary(m))]
            : null;

    // A signature's queue may be a name or a serialized Queue ({"name": …}).
    private static string? QueueName(object? value) => value switch
    {
        string s => s,
        IDictionary<string, object?> map => map.Get("name") as string,
        _ => null,
    };
}

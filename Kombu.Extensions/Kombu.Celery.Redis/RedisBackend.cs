using System.Diagnostics;
using System.Globalization;
using Kombu.Celery.Backends;
using Kombu.Serialization;
using StackExchange.Redis;

namespace Kombu.Celery.Redis;

/// <summary>The <c>redis://</c> result backend: each task's meta document under <c>celery-task-meta-&lt;id&gt;</c>.</summary>
/// <remarks>
/// Celery's <c>celery.backends.redis.RedisBackend</c>. A store is SETEX (for <see cref="CeleryOptions.ResultExpires"/>) then
/// PUBLISH on the key's channel, and never overwrites a SUCCESS; a waiter subscribes to the channel before reading the key,
/// so no result is missed. Chord parts are counted in <c>celery-taskset-meta-&lt;group&gt;.j</c> (a sorted set by group
/// index), <c>.t</c> and <c>.s</c>, and the body is sent when all are in. URL: <c>redis://[:password@]host[:port][/db]</c>,
/// <c>rediss://</c> for TLS; <c>global_keyprefix</c> in <see cref="CeleryOptions.ResultBackendTransportOptions"/>.
/// </remarks>
public sealed class RedisBackend : ResultBackend
{
    private const string TaskKeyPrefix = "celery-task-meta-";
    private const string GroupKeyPrefix = "celery-taskset-meta-";
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(1);

    private readonly Lazy<Task<ConnectionMultiplexer>> _redis;
    private readonly string _keyPrefix;

    /// <summary>Creates the backend.</summary>
    /// <param name="app">The app.</param>
    /// <param name="url">The backend URL, such as <c>redis://localhost:6379/1</c>.</param>
    public RedisBackend(CeleryApp app, string url) : base(app)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        Url = url;
        Options = ParseUrl(url);
        _keyPrefix = KeyPrefix(app.Conf.ResultBackendTransportOptions.TryGetValue("global_keyprefix", out var p) ? p as string : null);
        _redis = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(Options));
    }

    /// <summary>The backend URL.</summary>
    public string Url { get; }

    /// <summary>The StackExchange.Redis settings read from the URL.</summary>
    public ConfigurationOptions Options { get; }

    /// <summary>The key of a task's meta document.</summary>
    /// <param name="taskId">The task id.</param>
    /// <returns>The key, with the global key prefix.</returns>
    public string TaskKey(string taskId) => _keyPrefix + TaskKeyPrefix + taskId;

    /// <summary>The key of a group's meta document (plus a suffix such as <c>.j</c>).</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="suffix">The suffix.</param>
    /// <returns>The key.</returns>
    public string GroupKey(string groupId, string suffix = "") => _keyPrefix + GroupKeyPrefix + groupId + suffix;

    /// <inheritdoc/>
    public override async ValueTask<IDictionary<string, object?>?> GetTaskMetaAsync(string taskId,
        CancellationToken cancellationToken = default)
    {
        var db = await DatabaseAsync().ConfigureAwait(false);
        return Decode(await db.StringGetAsync(TaskKey(taskId)).WaitAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public override async ValueTask<IDictionary<string, object?>> WaitForAsync(string taskId, TimeSpan? timeout,
        CancellationToken cancellationToken = default)
    {
        var redis = await _redis.Value.ConfigureAwait(false);
        var key = TaskKey(taskId);
        var channel = RedisChannel.Literal(key);
        var subscriber = redis.GetSubscriber();
        var messages = await subscriber.SubscribeAsync(channel).ConfigureAwait(false);
        try
        {
            var start = Stopwatch.GetTimestamp();
            while (true)
            {
                var meta = await GetTaskMetaAsync(taskId, cancellationToken).ConfigureAwait(false);
                if (meta is not null && States.ReadyStates.Contains(ResultMeta.State(meta)))
                    return meta;
                var remaining = timeout is { } t ? t - Stopwatch.GetElapsedTime(start) : s_pollInterval;
                if (remaining <= TimeSpan.Zero)
                    throw new TimeoutException(CeleryMessages.GetTimedOut(taskId, timeout!.Value));
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(remaining < s_pollInterval ? remaining : s_pollInterval);
                try
                {
                    await messages.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }
        }
        finally
        {
            await messages.UnsubscribeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask ForgetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var db = await DatabaseAsync().ConfigureAwait(false);
        await db.KeyDeleteAsync(TaskKey(taskId)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async ValueTask SetChordSizeAsync(string groupId, int size, CancellationToken cancellationToken = default) =>
        await SetAsync(GroupKey(groupId, ".s"), size.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>Celery's <c>RedisBackend.on_chord_part_return</c> with <c>result_chord_ordered</c> (the default).</remarks>
    public override async ValueTask OnChordPartReturnAsync(TaskContext request, string state, object? result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.GroupId is not { } groupId || request.Chord is not { } body)
            return;
        var db = await DatabaseAsync().ConfigureAwait(false);
        var (jkey, tkey, skey) = (GroupKey(groupId, ".j"), GroupKey(groupId, ".t"), GroupKey(groupId, ".s"));
        var encoded = KombuJson.Serialize(new List<object?> { 1L, request.Id, state, result });
        var batch = db.CreateBatch();
        var added = batch.SortedSetAddAsync(jkey, encoded, request.GroupIndex ?? double.PositiveInfinity);
        var ready = batch.SortedSetLengthAsync(jkey);
        var diff = batch.StringGetAsync(tkey);
        var size = batch.StringGetAsync(skey);
        var expiries = App.Conf.ResultExpires is { } ttl
            ? new[] { batch.KeyExpireAsync(jkey, ttl), batch.KeyExpireAsync(tkey, ttl), batch.KeyExpireAsync(skey, ttl) }
            : [];
        batch.Execute();
        await Task.WhenAll(added, ready, diff, size).WaitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(expiries).ConfigureAwait(false);
        // All four replies are in (WhenAll above); awaiting them again only reads them.
        var sizeValue = await size.ConfigureAwait(false);
        var diffValue = await diff.ConfigureAwait(false);
        if (sizeValue.IsNull || await ready.ConfigureAwait(false) != (long)sizeValue + (diffValue.IsNull ? 0 : (long)diffValue))
            return;
        var parts = await db.SortedSetRangeByRankAsync(jkey).WaitAsync(cancellationToken).ConfigureAwait(false);
        var values = new List<object?>(parts.Length);
        foreach (var part in parts)
        {
            var tuple = (IList<object?>)KombuJson.Deserialize((string)part!)!;
            if (tuple[2] is string partState && States.PropagateStates.Contains(partState))
            {
                var error = ResultMeta.ToException((string)tuple[1]!, new Dictionary<string, object?> { ["status"] = partState, ["result"] = tuple[3] });
                var reason = CeleryMessages.ChordDependencyFailed((string)tuple[1]!, error.ExceptionType, error.ExceptionMessage);
                if (body.Options.TaskId is { } bodyId)
                {
                    await StoreResultAsync(bodyId, States.Failure, ResultMeta.EncodeException("ChordError", "celery.exceptions", [reason]),
                        null, null, cancellationToken).ConfigureAwait(false);
                }

                values = null;
                break;
            }
            values.Add(tuple[3]);
        }
        if (values is not null)
            await body.Clone([values]).SendAsync(App, cancellationToken).ConfigureAwait(false);
        await db.KeyDeleteAsync([jkey, tkey, skey]).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask StoreMetaAsync(string taskId, Dictionary<string, object?> meta, TaskContext? request,
        CancellationToken cancellationToken)
    {
        var key = TaskKey(taskId);
        var db = await DatabaseAsync().ConfigureAwait(false);
        var current = Decode(await db.StringGetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false));
        if (ResultMeta.State(current) == States.Success)
            return;
        await SetAsync(key, KombuJson.Serialize(meta), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        if (_redis.IsValueCreated)
        {
            try
            {
                await (await _redis.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (RedisConnectionException)
            {
            }
        }
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Reads <c>redis://[user:password@]host[:port][/db]</c> (and <c>rediss://</c>) into StackExchange.Redis settings.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The settings.</returns>
    public static ConfigurationOptions ParseUrl(string url)
    {
        var uri = new Uri(url);
        var options = new ConfigurationOptions { AbortOnConnectFail = false, Ssl = uri.Scheme == "rediss" };
        options.EndPoints.Add(string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.Host, uri.Port > 0 ? uri.Port : 6379);
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            if (parts.Length == 2)
            {
                options.User = parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : null;
                options.Password = Uri.UnescapeDataString(parts[1]);
            }
            else
            {
                options.Password = Uri.UnescapeDataString(parts[0]);
            }
        }
        var path = uri.AbsolutePath.Trim('/');
        if (int.TryParse(path, NumberStyles.Integer, CultureInfo.InvariantCulture, out var db))
            options.DefaultDatabase = db;
        return options;
    }

    // Celery appends '_' to a global_keyprefix that does not end in one of ":_-." (backends/redis.py).
    private static string KeyPrefix(string? prefix) =>
        string.IsNullOrEmpty(prefix) ? "" : ":_-.".Contains(prefix[^1], StringComparison.Ordinal) ? prefix : prefix + "_";

    private async ValueTask SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        var db = await DatabaseAsync().ConfigureAwait(false);
        var batch = db.CreateBatch();
        var set = App.Conf.ResultExpires is { } ttl ? batch.StringSetAsync(key, value, ttl) : batch.StringSetAsync(key, value);
        var publish = batch.PublishAsync(RedisChannel.Literal(key), value);
        batch.Execute();
        await Task.WhenAll(set, publish).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<IDatabase> DatabaseAsync() => (await _redis.Value.ConfigureAwait(false)).GetDatabase();

    private static IDictionary<string, object?>? Decode(RedisValue value) =>
        value.IsNull ? null : KombuJson.Deserialize((string)value!) as IDictionary<string, object?>;
}

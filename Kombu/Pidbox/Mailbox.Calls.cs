using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Pidbox;

public partial class Mailbox
{
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Sends a command to the named nodes and waits for one reply from each.</summary>
    /// <param name="destination">Host names of the nodes that should run the command.</param>
    /// <param name="command">The method name.</param>
    /// <param name="arguments">Keyword arguments of the method.</param>
    /// <param name="timeout">How long to wait for each reply; <see langword="null"/> waits without limit.</param>
    /// <param name="callback">Called with each reply body as it arrives.</param>
    /// <param name="channel">Channel to publish and collect on; the connection's default channel when <see langword="null"/>.</param>
    /// <param name="serializer">Serializer of the request; the mailbox serializer when <see langword="null"/>.</param>
    /// <returns>The reply bodies, each <c>{hostname: result}</c>.</returns>
    /// <exception cref="Exceptions.NotBoundException">The mailbox is not bound to a connection.</exception>
    public IReadOnlyList<object?> Call(IEnumerable<string> destination, string command,
        IDictionary<string, object?>? arguments = null, TimeSpan? timeout = null, Action<object?>? callback = null,
        IChannel? channel = null, string? serializer = null) =>
        SyncOverAsync.Wait(CallAsync(destination, command, arguments, timeout, callback, channel, serializer));

    /// <inheritdoc cref="Call"/>
    public async ValueTask<IReadOnlyList<object?>> CallAsync(IEnumerable<string> destination, string command,
        IDictionary<string, object?>? arguments = null, TimeSpan? timeout = null, Action<object?>? callback = null,
        IChannel? channel = null, string? serializer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var request = new PidboxRequest(command, arguments, [.. destination], null, null, serializer);
        return await BroadcastCoreAsync(request, true, Forever(timeout), null, callback, channel, cancellationToken)
            .ConfigureAwait(false) ?? [];
    }

    /// <summary>Sends a command to the named nodes without waiting for replies.</summary>
    /// <param name="destination">Host names of the nodes that should run the command.</param>
    /// <param name="command">The method name.</param>
    /// <param name="arguments">Keyword arguments of the method.</param>
    /// <exception cref="Exceptions.NotBoundException">The mailbox is not bound to a connection.</exception>
    public void Cast(IEnumerable<string> destination, string command, IDictionary<string, object?>? arguments = null) =>
        SyncOverAsync.Wait(CastAsync(destination, command, arguments));

    /// <inheritdoc cref="Cast"/>
    public async ValueTask CastAsync(IEnumerable<string> destination, string command,
        IDictionary<string, object?>? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var request = new PidboxRequest(command, arguments, [.. destination], null, null, null);
        await BroadcastCoreAsync(request, false, s_defaultTimeout, null, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a command to every node without waiting for replies.</summary>
    /// <param name="command">The method name.</param>
    /// <param name="arguments">Keyword arguments of the method.</param>
    /// <exception cref="Exceptions.NotBoundException">The mailbox is not bound to a connection.</exception>
    public void Abcast(string command, IDictionary<string, object?>? arguments = null) =>
        SyncOverAsync.Wait(AbcastAsync(command, arguments));

    /// <inheritdoc cref="Abcast"/>
    public async ValueTask AbcastAsync(string command, IDictionary<string, object?>? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var request = new PidboxRequest(command, arguments, null, null, null, null);
        await BroadcastCoreAsync(request, false, s_defaultTimeout, null, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a command to every node and collects the replies that arrive in time.</summary>
    /// <param name="command">The method name.</param>
    /// <param name="arguments">Keyword arguments of the method.</param>
    /// <param name="timeout">How long to wait for each reply (default 1 s); <see cref="Timeout.InfiniteTimeSpan"/> waits without limit.</param>
    /// <param name="limit">Stop after this many replies; <see langword="null"/> collects until a wait times out.</param>
    /// <param name="callback">Called with each reply body as it arrives.</param>
    /// <param name="channel">Channel to publish and collect on; the connection's default channel when <see langword="null"/>.</param>
    /// <returns>The reply bodies, each <c>{hostname: result}</c>.</returns>
    /// <exception cref="Exceptions.NotBoundException">The mailbox is not bound to a connection.</exception>
    public IReadOnlyList<object?> MultiCall(string command, IDictionary<string, object?>? arguments = null,
        TimeSpan? timeout = null, int? limit = null, Action<object?>? callback = null, IChannel? channel = null) =>
        SyncOverAsync.Wait(MultiCallAsync(command, arguments, timeout, limit, callback, channel));

    /// <inheritdoc cref="MultiCall"/>
    public async ValueTask<IReadOnlyList<object?>> MultiCallAsync(string command,
        IDictionary<string, object?>? arguments = null, TimeSpan? timeout = null, int? limit = null,
        Action<object?>? callback = null, IChannel? channel = null, CancellationToken cancellationToken = default)
    {
        var request = new PidboxRequest(command, arguments, null, null, null, null);
        return await BroadcastCoreAsync(request, true, Forever(timeout ?? s_defaultTimeout), limit, callback, channel,
            cancellationToken).ConfigureAwait(false) ?? [];
    }

    /// <summary>Sends a command to the selected nodes, optionally collecting replies.</summary>
    /// <param name="command">The method name.</param>
    /// <param name="arguments">Keyword arguments of the method.</param>
    /// <param name="destination">Host names of the target nodes; <see langword="null"/> for all (or those matching <paramref name="pattern"/>).</param>
    /// <param name="reply">Wait for and return replies.</param>
    /// <param name="timeout">How long to wait for each reply (default 1 s); <see cref="Timeout.InfiniteTimeSpan"/> waits without limit.</param>
    /// <param name="limit">Stop after this many replies; the number of destinations when <see langword="null"/>.</param>
    /// <param name="callback">Called with each reply body as it arrives.</param>
    /// <param name="channel">Channel to publish and collect on; the connection's default channel when <see langword="null"/>.</param>
    /// <param name="serializer">Serializer of the request; the mailbox serializer when <see langword="null"/>.</param>
    /// <param name="pattern">A host name pattern that selects nodes, with <paramref name="matcher"/>.</param>
    /// <param name="matcher"><c>glob</c> or <c>pcre</c>: how <paramref name="pattern"/> is matched.</param>
    /// <returns>The reply bodies when <paramref name="reply"/> is set, else <see langword="null"/>.</returns>
    /// <exception cref="Exceptions.NotBoundException">The mailbox is not bound to a connection.</exception>
    /// <remarks>Kombu's <c>Mailbox._broadcast</c>, which Celery's control client calls.</remarks>
    public IReadOnlyList<object?>? Broadcast(string command, IDictionary<string, object?>? arguments = null,
        IEnumerable<string>? destination = null, bool reply = false, TimeSpan? timeout = null, int? limit = null,
        Action<object?>? callback = null, IChannel? channel = null, string? serializer = null, string? pattern = null,
        string? matcher = null) =>
        SyncOverAsync.Wait(BroadcastAsync(command, arguments, destination, reply, timeout, limit, callback, channel,
            serializer, pattern,
            matcher));

    /// <inheritdoc cref="Broadcast"/>
    public ValueTask<IReadOnlyList<object?>?> BroadcastAsync(string command,
        IDictionary<string, object?>? arguments = null, IEnumerable<string>? destination = null, bool reply = false,
        TimeSpan? timeout = null, int? limit = null, Action<object?>? callback = null, IChannel? channel = null,
        string? serializer = null, string? pattern = null, string? matcher = null,
        CancellationToken cancellationToken = default)
    {
        var request = new PidboxRequest(command, arguments, destination is null ? null : [.. destination], pattern,
            matcher, serializer);
        return BroadcastCoreAsync(request, reply, Forever(timeout ?? s_defaultTimeout), limit, callback, channel,
            cancellationToken);
    }

    private static TimeSpan? Forever(TimeSpan? timeout) => timeout == Timeout.InfiniteTimeSpan ? null : timeout;

    private async ValueTask<IReadOnlyList<object?>?> BroadcastCoreAsync(PidboxRequest request, bool reply,
        TimeSpan? timeout, int? limit, Action<object?>? callback, IChannel? channel, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Method);
        // The oid is read once: an awaited call may resume on another thread, which has another oid.
        var ticket = reply ? Utils.Uuids.New() : null;
        var oid = Oid;
        var chan = channel ?? await BoundConnection.GetDefaultChannelAsync(cancellationToken).ConfigureAwait(false);
        if (limit is null && request.Destination is { Count: > 0 } targets)
            limit = targets.Count;
        if (ticket is not null && KeepsReplyConsumers)
            await EnsureReplyConsumerAsync(chan, GetReplyQueue(oid), cancellationToken).ConfigureAwait(false);
        await PublishRequestAsync(request, ticket, oid, chan, timeout, cancellationToken).ConfigureAwait(false);
        return ticket is null
            ? null
            : await CollectAsync(ticket, oid, limit, timeout, callback, chan, cancellationToken).ConfigureAwait(false);
    }
}

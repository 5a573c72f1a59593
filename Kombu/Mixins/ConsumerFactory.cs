namespace Kombu.Mixins;

/// <summary>Creates a consumer on the mixin's current channel, wired to the mixin's decode-error handler.</summary>
/// <param name="queues">The queues to consume from.</param>
/// <param name="callbacks">Called with (decoded body, message).</param>
/// <param name="noAck">Consume without acknowledgements.</param>
/// <param name="accept">Content types to accept; <see langword="null"/> for the registry defaults.</param>
/// <param name="prefetchCount">Prefetch window in messages.</param>
/// <param name="onMessage">Called with the raw message instead of the callbacks.</param>
/// <returns>The consumer, not yet consuming; the mixin starts and cancels it.</returns>
/// <remarks>The <c>Consumer</c> partial that Kombu passes to <c>get_consumers</c>.</remarks>
public delegate Consumer ConsumerFactory(IEnumerable<Queue> queues,
    IEnumerable<Action<object?, Message>>? callbacks = null, bool noAck = false, IEnumerable<string>? accept = null,
    int? prefetchCount = null, Action<Message>? onMessage = null);

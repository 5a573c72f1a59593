using System.Diagnostics;
using Kombu.Exceptions;
using Microsoft.Extensions.Logging;

namespace Kombu.Transport.Virtual;

/// <summary>Base of the transports that emulate AMQP over a store without native exchanges (memory, Redis, SQS…).</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.virtual.Transport</c>. The transport is its own connection object. Transport options
/// read: <c>polling_interval</c> (seconds, default <see cref="DefaultPollingInterval"/>), <c>deadletter_queue</c> and <c>body_encoding</c>
/// (default <c>base64</c>).
/// </remarks>
public abstract class VirtualTransport : BrokerTransport, ITransportConnection
{
    private readonly Lock _channelsLock = new();
    private readonly BrokerState _state = new();
    private readonly FairCycle<VirtualChannel> _cycle;
    private VirtualChannel[] _channels = [];
    private readonly TimeSpan? _pollingInterval;

    /// <summary>Creates the transport for <paramref name="client"/>, reading its transport options.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    /// <exception cref="ArgumentException">The <c>polling_interval</c> option is not a number of seconds.</exception>
    protected VirtualTransport(Connection client) : base(client)
    {
        var options = client.TransportOptions;
        if (options.TryGetValue("polling_interval", out var polling) && polling is not null)
            _pollingInterval = TransportOptionReader.ReadSeconds(options, "polling_interval", TimeSpan.Zero);
        DeadLetterQueue = TransportOptionReader.ReadString(options, "deadletter_queue", null);
        BodyEncoding = TransportOptionReader.ReadString(options, "body_encoding", "base64");
        Logger = client.LoggerFactory.CreateLogger(GetType());
        _cycle = new FairCycle<VirtualChannel>(static (channel, ct) => channel.DrainOneAsync(ct), _channels);
    }

    /// <summary>Time to wait between polls that found nothing (transport option <c>polling_interval</c>, else <see cref="DefaultPollingInterval"/>).</summary>
    public TimeSpan PollingInterval => _pollingInterval ?? DefaultPollingInterval;

    /// <summary>The polling interval when the <c>polling_interval</c> option is not given: 1 s unless a transport overrides it.</summary>
    /// <remarks>Kombu's class attribute <c>Transport.polling_interval</c>, which transports override.</remarks>
    protected virtual TimeSpan DefaultPollingInterval => TimeSpan.FromSeconds(1);

    /// <summary>Queue that receives messages no binding matched, or <see langword="null"/> to drop them.</summary>
    public string? DeadLetterQueue { get; }

    /// <summary>How channels encode stored bodies (transport option <c>body_encoding</c>, default <c>base64</c>).</summary>
    public string? BodyEncoding { get; }

    /// <summary>The exchanges and bindings this transport routes with.</summary>
    public virtual BrokerState State => _state;

    /// <summary>The open channels of this transport.</summary>
    public IReadOnlyList<VirtualChannel> Channels => Volatile.Read(ref _channels);

    /// <summary>Where the transport and its channels log.</summary>
    protected internal ILogger Logger { get; }

    /// <inheritdoc/>
    public override ValueTask<ITransportConnection> EstablishConnectionAsync(CancellationToken cancellationToken = default) =>
        new(this);

    /// <inheritdoc/>
    public override async ValueTask CloseConnectionAsync(ITransportConnection connection, CancellationToken cancellationToken = default)
    {
        foreach (var channel in Channels)
            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override ValueTask<IChannel> CreateChannelAsync(ITransportConnection connection, CancellationToken cancellationToken = default)
    {
        var channel = CreateVirtualChannel();
        lock (_channelsLock)
        {
            _channels = [.. _channels, channel];
            _cycle.Resources = _channels;
        }
        return new(channel);
    }

    /// <summary>Creates a channel of this transport's kind.</summary>
    /// <returns>The new channel.</returns>
    protected abstract VirtualChannel CreateVirtualChannel();

    /// <summary>Forgets a closed channel.</summary>
    internal void RemoveChannel(VirtualChannel channel)
    {
        lock (_channelsLock)
        {
            var index = Array.IndexOf(_channels, channel);
            if (index < 0)
                return;
            var channels = new VirtualChannel[_channels.Length - 1];
            Array.Copy(_channels, 0, channels, 0, index);
            Array.Copy(_channels, index + 1, channels, index, channels.Length - index);
            _channels = channels;
            _cycle.Resources = channels;
        }
    }

    // Draining events: one delivery per call, polling the channels that have consumers.
    /// <inheritdoc/>
    /// <remarks>
    /// Cycles over the channels with consumers (each cycling over its queues while its prefetch window allows) and
    /// delivers exactly one message to its consumer. When everything is empty it waits with
    /// <see cref="WaitForMessagesAsync"/> and polls again until <paramref name="timeout"/> has passed.
    /// </remarks>
    public override async ValueTask DrainEventsAsync(ITransportConnection connection, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var interval = PollingInterval;
        if (timeout is { } limit && limit < interval)
            interval = limit < TimeSpan.Zero ? TimeSpan.Zero : limit;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await _cycle.GetAsync(cancellationToken).ConfigureAwait(false))
                return;
            var wait = interval;
            if (timeout is { } max)
            {
                var remaining = max - Stopwatch.GetElapsedTime(start);
                if (remaining <= TimeSpan.Zero)
                    throw new TimeoutException(ErrorMessages.DrainTimedOut);
                if (remaining < wait)
                    wait = remaining;
            }
            await WaitForMessagesAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits before the next poll after every consumed queue was found empty.</summary>
    /// <param name="maxWait">The longest wait: the polling interval, capped by the time left before the timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when it is time to poll again.</returns>
    /// <remarks>The default sleeps <paramref name="maxWait"/>; a store that can signal new messages returns sooner.</remarks>
    protected virtual ValueTask WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        maxWait <= TimeSpan.Zero ? default : new ValueTask(Task.Delay(maxWait, cancellationToken));
}

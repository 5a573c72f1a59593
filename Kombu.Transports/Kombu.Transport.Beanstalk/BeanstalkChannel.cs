using System.Globalization;
using Kombu.Exceptions;
using Kombu.Transport.Virtual;
using Microsoft.Extensions.Logging;

namespace Kombu.Transport.Beanstalk;

/// <summary>A virtual channel over its own beanstalkd connection: one tube per queue, jobs deleted on ack.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.beanstalk.Channel</c>. Delivered jobs stay reserved on this channel's connection until
/// acknowledged (deleted), rejected (deleted), or requeued and restored (released). Use a channel from one thread at a
/// time; its tube commands are serialized all the same.
/// </remarks>
public sealed class BeanstalkChannel : VirtualChannel
{
    private const string DefaultTube = "default";
    private static readonly IReadOnlyDictionary<string, ExchangeType> s_exchangeTypes =
        StandardExchangeTypes.Where(p => p.Key != "fanout").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private readonly BeanstalkTransport _transport;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _jobsLock = new();
    private readonly Dictionary<string, (long Id, uint Priority)> _jobs = new(StringComparer.Ordinal);
    private readonly List<string> _watched = [DefaultTube];
    private BeanstalkClient? _client;
    private string _used = DefaultTube;

    internal BeanstalkChannel(BeanstalkTransport transport) : base(transport) => _transport = transport;

    /// <summary>Whether this channel's connection was lost or closed.</summary>
    public bool IsBroken => _client is { IsConnected: false };

    /// <summary>How many delivered jobs this channel holds reserved.</summary>
    public int ReservedCount
    {
        get
        {
            lock (_jobsLock)
                return _jobs.Count;
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, ExchangeType> ExchangeTypes => s_exchangeTypes;

    private async ValueTask<BeanstalkClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { } existing)
            return existing.IsConnected ? existing : throw new BeanstalkConnectionException(BeanstalkErrors.ClientClosed(existing.Endpoint));
        EnsureOpen();
        return _client = await _transport.OpenClientAsync(cancellationToken).ConfigureAwait(false);
    }

    // Callers hold _gate.
    private async ValueTask UseTubeAsync(BeanstalkClient client, string tube, CancellationToken cancellationToken)
    {
        if (_used == tube)
            return;
        await client.UseAsync(tube, cancellationToken).ConfigureAwait(false);
        _used = tube;
    }

    // Callers hold _gate. Watches exactly one tube: watch it first, then ignore the others (one must stay watched).
    private async ValueTask WatchOnlyAsync(BeanstalkClient client, string tube, CancellationToken cancellationToken)
    {
        if (!_watched.Contains(tube))
        {
            await client.WatchAsync(tube, cancellationToken).ConfigureAwait(false);
            _watched.Add(tube);
        }
        foreach (var other in _watched.Where(t => t != tube).ToArray())
        {
            await client.IgnoreAsync(other, cancellationToken).ConfigureAwait(false);
            _watched.Remove(other);
        }
    }

    private static uint JobPriority(Envelope envelope) => (uint)Math.Max(envelope.Priority, 0);

    private static TimeSpan? TimeToRun(Envelope envelope)
    {
        if (!envelope.Properties.TryGetValue("ttr", out var value) || value is null or bool)
            return null;
        double seconds;
        if (value is string text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
                return null;
        }
        else if (value is IConvertible convertible)
        {
            seconds = convertible.ToDouble(CultureInfo.InvariantCulture);
        }
        else
        {
            return null;
        }
        return double.IsFinite(seconds) && seconds >= 1 ? TimeSpan.FromSeconds(Math.Min(seconds, uint.MaxValue)) : null;
    }

    private static async ValueTask TryDeleteAsync(BeanstalkClient client, long id)
    {
        try
        {
            await client.DeleteAsync(id).ConfigureAwait(false);
        }
        catch (BeanstalkCommandException ex) when (ex.Status == "NOT_FOUND")
        {
            // NOT_FOUND: the time-to-run passed and the server released the job; nothing left to delete here.
        }
    }

    // Storage hooks: a queue is a tube, a message is a job.
    /// <inheritdoc/>
    /// <remarks>Reserves with a zero timeout on the queue's tube; a job whose body is not an envelope is buried.</remarks>
    protected override async ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WatchOnlyAsync(client, queue, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var job = await ReserveNowAsync(client, cancellationToken).ConfigureAwait(false);
                if (job is null)
                    return null;
                Envelope envelope;
                try
                {
                    envelope = EnvelopeJson.Deserialize(job.Body);
                }
                catch (DecodeException ex)
                {
                    _transport.Log.LogError(ex, "Burying beanstalk job {JobId} of tube {Tube}: its body is not a Kombu envelope", job.Id, queue);
                    await client.BuryAsync(job.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                    continue;
                }
                lock (_jobsLock)
                {
                    // One publish routed to several queues shares its delivery tag; keep the tags of this channel unique.
                    if (_jobs.ContainsKey(envelope.DeliveryTag))
                        envelope.Retag(envelope.DeliveryTag + "#" + job.Id);
                    _jobs[envelope.DeliveryTag] = (job.Id, JobPriority(envelope));
                }
                return envelope;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>use</c>s the queue's tube and <c>put</c>s the envelope JSON, with the message priority and time-to-run.</remarks>
    protected override async ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken)
    {
        var body = EnvelopeJson.SerializeToUtf8Bytes(envelope);
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await UseTubeAsync(client, queue, cancellationToken).ConfigureAwait(false);
            await client.PutAsync(body, JobPriority(envelope), TimeSpan.Zero, TimeToRun(envelope), cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>Reserves and deletes the ready jobs until none is left; jobs reserved elsewhere stay.</remarks>
    protected override async ValueTask<long> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WatchOnlyAsync(client, queue, cancellationToken).ConfigureAwait(false);
            long purged = 0;
            while (await ReserveNowAsync(client, cancellationToken).ConfigureAwait(false) is { } job)
            {
                await client.DeleteAsync(job.Id, cancellationToken).ConfigureAwait(false);
                purged++;
            }
            return purged;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>The tube's <c>current-jobs-ready</c>; 0 for a tube the server does not have.</remarks>
    protected override async ValueTask<long> SizeAsync(string queue, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stats = await client.StatsTubeAsync(queue, cancellationToken).ConfigureAwait(false);
            return stats.TryGetValue("current-jobs-ready", out var ready) && long.TryParse(ready, out var count) ? count : 0;
        }
        catch (BeanstalkCommandException ex) when (ex.Status == "NOT_FOUND")
        {
            return 0;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Purges the tube and stops using and watching it, so the server drops it once no one else does.</remarks>
    protected override async ValueTask DeleteAsync(string queue, CancellationToken cancellationToken)
    {
        _transport.ForgetQueue(queue);
        await PurgeAsync(queue, cancellationToken).ConfigureAwait(false);
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await UseTubeAsync(client, DefaultTube, cancellationToken).ConfigureAwait(false);
            await WatchOnlyAsync(client, DefaultTube, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>beanstalkd creates tubes on first use, so the declaration is only remembered by the transport.</remarks>
    protected override ValueTask NewQueueAsync(string queue, CancellationToken cancellationToken)
    {
        _transport.RememberQueue(queue);
        return default;
    }

    /// <inheritdoc/>
    /// <remarks>A queue exists when this connection declared it or the server lists its tube.</remarks>
    protected override async ValueTask<bool> HasQueueAsync(string queue, CancellationToken cancellationToken)
    {
        if (_transport.IsDeclared(queue))
            return true;
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        var tubes = await client.ListTubesAsync(cancellationToken).ConfigureAwait(false);
        return tubes.Contains(queue);
    }

    /// <inheritdoc/>
    /// <exception cref="UnsupportedOperationException">Always: beanstalk has no fanout.</exception>
    protected override ValueTask PutFanoutAsync(string exchange, Envelope envelope, string routingKey,
        CancellationToken cancellationToken) =>
        throw new UnsupportedOperationException(BeanstalkErrors.FanoutNotSupported(exchange));

    /// <inheritdoc/>
    /// <remarks>Also writes the priority into <c>delivery_info</c>, where Kombu 2.x/3.x peers read it.</remarks>
    protected override Envelope PrepareEnvelope(OutgoingMessage message, string exchange, string routingKey)
    {
        var envelope = base.PrepareEnvelope(message, exchange, routingKey);
        envelope.EnsureDeliveryInfoExtras()["priority"] = envelope.Priority;
        return envelope;
    }

    /// <inheritdoc/>
    /// <remarks>A job still reserved here is released with its priority; otherwise a copy is put back, as Kombu does.</remarks>
    protected internal override async ValueTask RestoreAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        (long Id, uint Priority) job;
        lock (_jobsLock)
        {
            if (!_jobs.Remove(envelope.DeliveryTag, out job))
            {
                job = (-1, 0);
            }
        }
        if (job.Id < 0)
        {
            await base.RestoreAsync(envelope, cancellationToken).ConfigureAwait(false);
            return;
        }
        // A lost connection already made the server release every job reserved on it.
        if (_client is { IsConnected: true } client)
            await client.ReleaseAsync(job.Id, job.Priority, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    // Reserves without waiting; DEADLINE_SOON (a job held here is about to time out) counts as nothing ready.
    private static async ValueTask<BeanstalkJob?> ReserveNowAsync(BeanstalkClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ReserveAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (BeanstalkCommandException ex) when (ex.Status == "DEADLINE_SOON")
        {
            return null;
        }
    }

    // Delivered jobs stay reserved on this channel's connection until the virtual channel settles them.
    /// <inheritdoc/>
    /// <remarks>Ack and reject delete the job; a requeued job was already released by <see cref="RestoreAsync"/>.</remarks>
    protected override ValueTask OnSettledAsync(Envelope envelope, SettleOutcome outcome, CancellationToken cancellationToken) =>
        outcome == SettleOutcome.Requeued ? default : DeleteJobAsync(envelope.DeliveryTag, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Deletes the job at once.</remarks>
    protected override ValueTask OnDeliveredNoAckAsync(Envelope envelope, CancellationToken cancellationToken) =>
        DeleteJobAsync(envelope.DeliveryTag, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Closes this channel's connection; the server releases the jobs still reserved on it (those left unrestored when
    /// <see cref="QoS.RestoreAtShutdown"/> is off).
    /// </remarks>
    protected override ValueTask OnClosedAsync(CancellationToken cancellationToken)
    {
        lock (_jobsLock)
            _jobs.Clear();
        _client?.Dispose();
        return default;
    }

    /// <inheritdoc/>
    protected override string? RefuseExchangeType(string exchange, string type) =>
        type == "fanout" ? BeanstalkErrors.FanoutNotSupported(exchange) : null;

    private async ValueTask DeleteJobAsync(string deliveryTag, CancellationToken cancellationToken)
    {
        (long Id, uint Priority) job;
        lock (_jobsLock)
        {
            if (!_jobs.Remove(deliveryTag, out job))
                return;
        }
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await TryDeleteAsync(client, job.Id).ConfigureAwait(false);
    }
}

using System.Globalization;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Beanstalk;

/// <summary>A virtual channel over its own beanstalkd connection: one tube per queue, jobs deleted on ack.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.beanstalk.Channel</c>. Delivered jobs stay reserved on this channel's connection until
/// acknowledged (deleted), rejected (deleted), or requeued and restored (released). Use a channel from one thread at a
/// time; its tube commands are serialized all the same.
/// </remarks>
public sealed partial class BeanstalkChannel : VirtualChannel
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
}

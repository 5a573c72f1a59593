using System.Globalization;
using System.Net;
using Kombu.Exceptions;
using Kombu.Utils;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

/// <summary>The Redis transport reaching its master through Redis Sentinel, following it when the sentinels fail over.</summary>
/// <remarks>
/// <para>Kombu's <c>kombu.transport.redis.SentinelTransport</c> (with its <c>SentinelChannel</c>).</para>
/// <list type="bullet">
/// <item><b>Connection string</b>: <c>sentinel://[[user]:password@]host[:26379][/db];sentinel://host2:26379…</c>. As in
/// Kombu, the <c>;</c> alternates name the sentinels to ask (all of them, whichever is current), not failover brokers;
/// the user and password are the master's.</item>
/// <item><b>Transport options</b>: every Redis option, plus <c>master_name</c> (required: the monitored group),
/// <c>sentinel_kwargs</c> (options of the sentinel connections: <c>username</c> and <c>password</c> are used, other keys
/// are read and ignored) and <c>min_other_sentinels</c> (read and ignored: the driver asks any sentinel that answers).</item>
/// <item><b>Failover</b>: the multiplexer follows the sentinels' <c>+switch-master</c>; the blocking-pop socket moves to
/// the new master when the old one unblocks it (<c>-UNBLOCKED</c>, <c>-READONLY</c>), raised as a connection error so
/// a consumer reconnects. Configure the servers with <c>min-replicas-to-write 1</c> so a write the old master takes
/// during the switch is refused (and retried) rather than lost when it resyncs.</item>
/// </list>
/// </remarks>
public sealed class SentinelTransport : RedisTransport
{
    /// <summary>Creates the transport for <paramref name="client"/>.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    /// <exception cref="ArgumentException">The <c>master_name</c> option is missing, or another option is malformed.</exception>
    public SentinelTransport(Connection client) : base(client)
    {
        MasterName = Options.MasterName ?? throw new ArgumentException(RedisMessages.MasterNameRequired, nameof(client));
        Sentinels = ReadSentinels(client);
    }

    /// <summary>The monitored master group (<c>master_name</c>).</summary>
    public string MasterName { get; }

    /// <summary>The sentinels asked for the master, as host and port.</summary>
    public IReadOnlyList<(string Host, int Port)> Sentinels { get; }

    /// <inheritdoc/>
    public override int? DefaultPort => 26379;

    /// <inheritdoc/>
    public override string DriverType => "sentinel";

    private protected override string StoreName => $"sentinel:{MasterName}@{string.Join(',', Sentinels.Select(s => $"{s.Host}:{s.Port}"))}";

    private protected override void ConfigureEndpoints(ConfigurationOptions options)
    {
        foreach (var (host, port) in Sentinels)
            options.EndPoints.Add(host, port);
        // With a service name, the driver asks the sentinels for the master and follows its switches.
        options.ServiceName = MasterName;
        if (Setting("username") is { } user)
            options.SentinelUser = user;
        if (Setting("password") is { } password)
            options.SentinelPassword = password;
    }

    // The server the multiplexer sends writes to (it follows the sentinels' +switch-master), so pops and pushes meet.
    private protected override (string Host, int Port) PrimaryEndpoint() =>
        Db.IdentifyEndpoint(flags: CommandFlags.DemandMaster) switch
        {
            DnsEndPoint dns => (dns.Host, dns.Port),
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            _ => throw new KombuConnectionException(RedisMessages.NoPrimary(MasterName)),
        };

    private string? Setting(string key) =>
        Options.SentinelKwargs.TryGetValue(key, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    // Kombu's SentinelChannel: every sentinel:// alternate is a sentinel; without any, the URL's own host and port.
    private List<(string Host, int Port)> ReadSentinels(Connection client)
    {
        var sentinels = new List<(string, int)>();
        foreach (var url in client.Alternates)
        {
            if (!Urls.IsUrl(url))
                continue;
            var parts = Urls.Parse(url);
            if (parts.Transport == "sentinel")
                sentinels.Add((string.IsNullOrEmpty(parts.Hostname) ? "localhost" : parts.Hostname, parts.Port ?? 26379));
        }
        if (sentinels.Count == 0)
            sentinels.Add((Host, PortNumber));
        return sentinels;
    }
}

using System.Collections;
using System.Globalization;
using Amazon.Runtime;

namespace Kombu.Transport.Sqs;

/// <summary>The botocore <c>Config</c> settings of the <c>client-config</c> transport option that apply to AWSSDK clients.</summary>
/// <remarks>
/// Kombu passes <c>client-config</c> to <c>botocore.config.Config</c>. Read here: <c>connect_timeout</c> and
/// <c>read_timeout</c> (seconds), <c>retries</c> (<c>max_attempts</c> retries, or <c>total_max_attempts</c> tries,
/// and <c>mode</c> standard/adaptive; AWSSDK 4 has no legacy mode, so <c>legacy</c> means standard),
/// <c>max_pool_connections</c> and <c>region_name</c>; any other key is refused.
/// </remarks>
public sealed class SqsClientConfig
{
    private static readonly string[] Known =
        ["connect_timeout", "read_timeout", "retries", "max_pool_connections", "region_name"];

    /// <summary>How long to wait for a connection (<c>connect_timeout</c>), or <see langword="null"/> for the SDK's default.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>How long a request may take (<c>read_timeout</c>), or <see langword="null"/> for the SDK's default.</summary>
    public TimeSpan? ReadTimeout { get; init; }

    /// <summary>Retries after the first try (<c>retries.max_attempts</c>, or <c>total_max_attempts</c> − 1), or <see langword="null"/>.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>The retry mode (<c>retries.mode</c>), or <see langword="null"/> for the SDK's default.</summary>
    public RequestRetryMode? RetryMode { get; init; }

    /// <summary>Most connections per server (<c>max_pool_connections</c>), or <see langword="null"/>.</summary>
    public int? MaxPoolConnections { get; init; }

    /// <summary>The region (<c>region_name</c>), overriding the <c>region</c> option, or <see langword="null"/>.</summary>
    public string? RegionName { get; init; }

    /// <summary>Reads the <c>client-config</c> dictionary.</summary>
    /// <param name="value">The option's value: a dictionary, or <see langword="null"/>.</param>
    /// <returns>The settings (all unset for <see langword="null"/>).</returns>
    /// <exception cref="ArgumentException">The value is not a dictionary, or a key is unknown or has an unusable value.</exception>
    public static SqsClientConfig Parse(object? value)
    {
        if (value is null)
            return new SqsClientConfig();
        if (value is not IDictionary map)
            throw new ArgumentException(SqsErrors.BadOption("client-config", value));
        foreach (var key in map.Keys)
        {
            if (Array.IndexOf(Known, key as string) < 0)
                throw new ArgumentException(SqsErrors.UnsupportedClientConfig(Convert.ToString(key, CultureInfo.InvariantCulture) ?? "", Known));
        }
        var retries = map["retries"] switch
        {
            null => null,
            IDictionary r => r,
            var other => throw new ArgumentException(SqsErrors.BadOption("client-config.retries", other)),
        };
        return new SqsClientConfig
        {
            ConnectTimeout = Seconds(map, "connect_timeout"),
            ReadTimeout = Seconds(map, "read_timeout"),
            MaxRetries = retries is null ? null : Int(retries, "max_attempts") ?? (Int(retries, "total_max_attempts") - 1),
            RetryMode = retries?["mode"] switch
            {
                null => null,
                "legacy" or "standard" => RequestRetryMode.Standard,
                "adaptive" => RequestRetryMode.Adaptive,
                var mode => throw new ArgumentException(SqsErrors.BadOption("client-config.retries.mode", mode)),
            },
            MaxPoolConnections = Int(map, "max_pool_connections"),
            RegionName = map["region_name"] as string,
        };
    }

    /// <summary>Applies the settings to an AWSSDK client configuration.</summary>
    /// <param name="config">The configuration of a client being created.</param>
    public void ApplyTo(ClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (ConnectTimeout is { } connect)
            config.ConnectTimeout = connect;
        if (ReadTimeout is { } read)
            config.Timeout = read;
        if (MaxRetries is { } retries)
            config.MaxErrorRetry = retries;
        if (RetryMode is { } mode)
            config.RetryMode = mode;
        if (MaxPoolConnections is { } pool)
            config.MaxConnectionsPerServer = pool;
    }

    private static TimeSpan? Seconds(IDictionary map, string key) =>
        map[key] is { } value ? TimeSpan.FromSeconds(Number(key, value)) : null;

    private static int? Int(IDictionary map, string key) =>
        map[key] is { } value ? (int)Number(key, value) : null;

    private static double Number(string key, object value)
    {
        try
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            return double.IsFinite(number) && number >= 0 ? number : throw new FormatException();
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException(SqsErrors.BadOption("client-config." + key, value), ex);
        }
    }
}

using System.Globalization;
using System.Net.Security;
using RabbitMQ.Client;

namespace Kombu.Transport.Amqp;

public sealed partial class AmqpTransport
{
    private bool ConfirmPublish => Option("confirm_publish") is { } v && v switch
    {
        bool b => b,
        string s => s.Length > 0 && !s.Equals("false", StringComparison.OrdinalIgnoreCase) && s != "0",
        _ => Convert.ToBoolean(v, CultureInfo.InvariantCulture),
    };

    /// <summary>Builds the RabbitMQ.Client connection factory from the connection's parameters.</summary>
    /// <returns>A factory with automatic recovery off: Kombu's <c>Ensure</c> does the reconnecting.</returns>
    internal ConnectionFactory CreateFactory()
    {
        var client = Client;
        var host = string.IsNullOrEmpty(client.Hostname) ? DefaultHostname ?? "localhost" : client.Hostname;
        var factory = new ConnectionFactory
        {
            HostName = host,
            Port = client.Port ?? DefaultPort ?? 5672,
            UserName = client.UserId ?? DefaultUserId!,
            Password = client.Password ?? DefaultPassword!,
            VirtualHost = client.VirtualHost,
            RequestedHeartbeat = client.Heartbeat ?? TimeSpan.Zero,
            RequestedConnectionTimeout = client.ConnectTimeout,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = "kombu-dotnet",
            SocketFactory = EndOfStreamTcpClient.Create,
        };
        if (Option("channel_max") is { } channelMax)
            factory.RequestedChannelMax = Convert.ToUInt16(channelMax, CultureInfo.InvariantCulture);
        if (Option("frame_max") is { } frameMax)
            factory.RequestedFrameMax = Convert.ToUInt32(frameMax, CultureInfo.InvariantCulture);
        if (Option("client_properties") is IDictionary<string, object?> props)
        {
            foreach (var (key, value) in AmqpFieldTable.ToAmqp(props)!)
                factory.ClientProperties[key] = value;
        }
        factory.AuthMechanisms = (client.LoginMethod ?? "PLAIN").ToUpperInvariant() switch
        {
            "PLAIN" => [new PlainMechanismFactory()],
            "AMQPLAIN" => [new AmqPlainMechanismFactory()],
            "EXTERNAL" => [new ExternalMechanismFactory()],
            _ => throw new ArgumentException(AmqpMessages.UnsupportedLoginMethod(client.LoginMethod!)),
        };
        if (UsesSsl)
            factory.Ssl = CreateSslOption(host, client.SslOptions);
        return factory;
    }

    private static SslOption CreateSslOption(string host, IReadOnlyDictionary<string, object> options)
    {
        string? Get(string key) => options.TryGetValue(key, out var v) || options.TryGetValue("ssl_" + key, out v)
            ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
        var ssl = new SslOption { Enabled = true, ServerName = Get("server_hostname") ?? host };
        if (Get("certfile") is { } certfile)
            ssl.CertPath = certfile;
        if ((Get("keyfile_password") ?? Get("password")) is { } passphrase)
            ssl.CertPassphrase = passphrase;
        var reqs = Get("cert_reqs")?.ToUpperInvariant();
        if (reqs is "CERT_NONE" or "NONE" or "0")
            ssl.AcceptablePolicyErrors = SslPolicyErrors.RemoteCertificateNameMismatch |
                SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNotAvailable;
        else if (Get("check_hostname") is { } check && check.Equals("false", StringComparison.OrdinalIgnoreCase))
            ssl.AcceptablePolicyErrors = SslPolicyErrors.RemoteCertificateNameMismatch;
        return ssl;
    }

    private object? Option(string key) => Client.TransportOptions.TryGetValue(key, out var v) ? v : null;
}

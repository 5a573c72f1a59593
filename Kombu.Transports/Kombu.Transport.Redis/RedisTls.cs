using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kombu.Transport.Redis;

/// <summary>The TLS settings of a <c>rediss://</c> connection, from its <c>ssl_*</c> options, for every socket it opens.</summary>
/// <remarks>
/// Reads Kombu's keys, with or without the <c>ssl_</c> prefix: <c>cert_reqs</c> (<c>CERT_NONE</c> accepts any server
/// certificate; <c>CERT_OPTIONAL</c> and <c>CERT_REQUIRED</c> verify it, as they do for a Python client), <c>ca_certs</c>
/// (PEM file of further trusted authorities), <c>certfile</c>/<c>keyfile</c> (PEM client certificate and key;
/// <c>keyfile_password</c> for an encrypted key), <c>check_hostname</c> and <c>server_hostname</c>.
/// </remarks>
internal sealed class RedisTls
{
    private readonly bool _verify;
    private readonly bool _checkHostname;
    private readonly string? _serverHostname;
    private readonly X509Certificate2Collection? _trusted;
    private readonly X509Certificate2Collection? _clientCertificates;

    private RedisTls(bool verify, bool checkHostname, string? serverHostname, X509Certificate2Collection? trusted,
        X509Certificate2Collection? clientCertificates)
    {
        _verify = verify;
        _checkHostname = checkHostname;
        _serverHostname = serverHostname;
        _trusted = trusted;
        _clientCertificates = clientCertificates;
    }

    /// <summary>Reads the settings from a connection's TLS options.</summary>
    /// <param name="options">The connection's <see cref="Connection.SslOptions"/>.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException"><c>cert_reqs</c> has an unknown value.</exception>
    public static RedisTls Read(IReadOnlyDictionary<string, object> options)
    {
        object? Get(string key) => options.TryGetValue(key, out var v) || options.TryGetValue("ssl_" + key, out v) ? v : null;
        string? Text(string key) => Get(key) is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
        var verify = Get("cert_reqs") switch
        {
            null => true,
            0 or "CERT_NONE" or "none" => false,
            1 or 2 or "CERT_OPTIONAL" or "CERT_REQUIRED" or "optional" or "required" => true,
            var other => throw new ArgumentException(RedisMessages.UnknownCertReqs(other), nameof(options)),
        };
        var checkHostname = Get("check_hostname") switch
        {
            null => true,
            bool b => b,
            var other => !string.Equals(Convert.ToString(other, CultureInfo.InvariantCulture), "false", StringComparison.OrdinalIgnoreCase),
        };
        X509Certificate2Collection? trusted = null;
        if (Text("ca_certs") is { } caFile)
        {
            trusted = [];
            trusted.ImportFromPemFile(caFile);
        }
        X509Certificate2Collection? client = null;
        if (Text("certfile") is { } certFile)
        {
            var keyFile = Text("keyfile");
            using var pem = Text("keyfile_password") is { } password
                ? X509Certificate2.CreateFromEncryptedPemFile(certFile, password, keyFile)
                : X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // A key loaded from PEM is ephemeral, which some platforms cannot use for TLS: round-trip it through PKCS#12.
            client = [X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)];
        }
        return new RedisTls(verify, checkHostname, Text("server_hostname"), trusted, client);
    }

    /// <summary>The authentication options of a TLS handshake with <paramref name="host"/>.</summary>
    /// <param name="host">The host connected to.</param>
    /// <returns>The options.</returns>
    public SslClientAuthenticationOptions ForHost(string host) => new()
    {
        TargetHost = _serverHostname ?? host,
        ClientCertificates = _clientCertificates,
        RemoteCertificateValidationCallback = Validate,
    };

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!_verify)
            return true;
        if (!_checkHostname)
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        if (errors == SslPolicyErrors.None)
            return true;
        if (_trusted is null || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
            return false;
        // The chain did not end in a root the machine trusts: try again with the ca_certs authorities as roots.
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}

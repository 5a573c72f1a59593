namespace Kombu.Utils;
/// <summary>STUB.</summary>
public sealed record UrlParts(string? Transport, string? Hostname, int? Port, string? UserId, string? Password, string? VirtualHost,
    IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, object> Ssl);

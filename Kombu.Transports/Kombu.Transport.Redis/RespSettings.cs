namespace Kombu.Transport.Redis;

/// <summary>How a <see cref="RespConnection"/> connects and authenticates: the transport's credentials, database and socket options.</summary>
/// <param name="User">The ACL user, or <see langword="null"/>.</param>
/// <param name="Password">The password, or <see langword="null"/>.</param>
/// <param name="Database">The database to select.</param>
/// <param name="ConnectTimeout">The longest time connecting (TLS handshake included) may take.</param>
/// <param name="ReplyTimeout">The longest wait for the reply of a command that does not block.</param>
/// <param name="KeepAlive">Whether the socket uses TCP keep-alive.</param>
/// <param name="Tls">The TLS settings, or <see langword="null"/> for plain TCP.</param>
internal sealed record RespSettings(string? User, string? Password, int Database, TimeSpan ConnectTimeout,
    TimeSpan ReplyTimeout, bool KeepAlive, RedisTls? Tls);

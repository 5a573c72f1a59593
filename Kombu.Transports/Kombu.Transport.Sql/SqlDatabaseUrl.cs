using System.Globalization;
using Kombu.Utils;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kombu.Transport.Sql;

/// <summary>Reads a SQLAlchemy database URL (the part after <c>sqla+</c>) into the dialect that connects to it.</summary>
/// <remarks>
/// SQLAlchemy's rules: <c>dialect[+driver]://user:password@host:port/database?options</c>; the driver part is ignored.
/// For SQLite the path follows the third slash, so <c>sqlite:///rel.db</c> is relative to the current directory and
/// <c>sqlite:////abs/x.db</c> is absolute; <c>sqlite://</c> and <c>sqlite:///:memory:</c> are an in-memory database.
/// </remarks>
internal static class SqlDatabaseUrl
{
    private const string SqliteOptions = "timeout";
    private const string PostgreSqlOptions = "sslmode, connect_timeout, application_name, host";

    /// <summary>Parses <paramref name="url"/> and returns its dialect.</summary>
    /// <param name="url">The database URL, such as <c>sqlite:///kombu.db</c>.</param>
    /// <returns>The dialect, holding the ADO.NET connection string.</returns>
    /// <exception cref="ArgumentException">The URL is malformed or names an unsupported database.</exception>
    public static SqlDialect Parse(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
            throw new ArgumentException(SqlErrors.NotAUrl(Urls.MaybeSanitize(url)), nameof(url));
        var scheme = url[..separator].ToLowerInvariant();
        var dialect = scheme.Split('+')[0];
        var rest = url[(separator + 3)..];
        return dialect switch
        {
            "sqlite" => ParseSqlite(url, rest),
            "postgresql" or "postgres" => ParsePostgreSql(rest),
            _ => throw new ArgumentException(SqlErrors.UnsupportedDialect(dialect), nameof(url)),
        };
    }

    private static SqliteDialect ParseSqlite(string url, string rest)
    {
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rest : rest[..question];
        var builder = new SqliteConnectionStringBuilder { Pooling = true };
        foreach (var (key, value) in Query(question < 0 ? "" : rest[(question + 1)..]))
        {
            if (key != "timeout")
                throw new ArgumentException(SqlErrors.UnknownQueryOption("sqlite", key, SqliteOptions), nameof(url));
            builder.DefaultTimeout = (int)Math.Ceiling(Seconds(key, value));
        }
        var inMemory = path is "" or "/:memory:";
        if (inMemory)
        {
            builder.DataSource = "kombu-sqla-memory";
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            if (path.Length < 2 || path[0] != '/')
                throw new ArgumentException(SqlErrors.BadSqlitePath(url), nameof(url));
            builder.DataSource = Path.GetFullPath(path[1..]);
        }
        return new SqliteDialect(builder.ToString(), inMemory) { DisplayUrl = url };
    }

    private static PostgreSqlDialect ParsePostgreSql(string rest)
    {
        var display = Urls.MaybeSanitize("postgresql://" + rest);
        var parts = Urls.Parse("postgresql://" + rest);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(parts.Hostname) ? "localhost" : parts.Hostname,
            Port = parts.Port ?? 5432,
            Username = parts.UserId,
            Password = parts.Password,
            Database = parts.VirtualHost,
        };
        foreach (var (key, value) in parts.Query)
        {
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = Enum.TryParse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode)
                        ? mode
                        : throw new ArgumentException(SqlErrors.BadQueryValue(key, value), nameof(rest));
                    break;
                case "connect_timeout":
                    builder.Timeout = (int)Math.Ceiling(Seconds(key, value));
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "host":
                    builder.Host = value;
                    break;
                default:
                    throw new ArgumentException(SqlErrors.UnknownQueryOption("postgresql", key, PostgreSqlOptions), nameof(rest));
            }
        }
        return new PostgreSqlDialect(builder.ToString()) { DisplayUrl = display };
    }

    private static IEnumerable<(string Key, string Value)> Query(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? (Uri.UnescapeDataString(pair), "")
                : (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        });

    private static double Seconds(string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds)
            ? seconds
            : throw new ArgumentException(SqlErrors.BadQueryValue(key, value), nameof(value));
}

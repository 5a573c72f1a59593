using System.Globalization;

namespace Kombu.Transport.Sql;

/// <summary>The SQL transport options Kombu 5's sqlalchemy transport reads (wire format §8).</summary>
public sealed class SqlTransportOptions
{
    /// <summary>The default <see cref="VisibilityTimeout"/>: 10 minutes.</summary>
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The queue and message table names.</summary>
    public SqlTableNames Tables { get; init; } = SqlTableNames.Default;

    /// <summary>
    /// How long a message claimed by a consumer may stay unsettled before it is made visible again
    /// (<c>visibility_timeout</c>, seconds; default 600): what brings back the messages of a consumer that died.
    /// </summary>
    /// <remarks>
    /// Beyond Kombu, whose claimed rows stay invisible forever when their consumer dies. Like Redis's
    /// <c>visibility_timeout</c>, a message still being worked on after this long is delivered again; 10 minutes covers
    /// most task run times while bringing lost messages back the same day, unlike Redis's one hour.
    /// </remarks>
    public TimeSpan VisibilityTimeout { get; init; } = DefaultVisibilityTimeout;

    /// <summary>Reads the options from a connection's transport options.</summary>
    /// <param name="options">The transport options.</param>
    /// <returns>The parsed options.</returns>
    /// <exception cref="ArgumentException">A table name is not a plain identifier.</exception>
    /// <remarks>Other keys (Kombu passes them to SQLAlchemy's <c>create_engine</c>) are ignored.</remarks>
    public static SqlTransportOptions Parse(IDictionary<string, object?> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqlTransportOptions
        {
            Tables = new SqlTableNames(
                TableName(options, "queue_tablename", SqlTableNames.Default.Queue),
                TableName(options, "message_tablename", SqlTableNames.Default.Message)),
            VisibilityTimeout = Seconds(options, "visibility_timeout") ?? DefaultVisibilityTimeout,
        };
    }

    private static TimeSpan? Seconds(IDictionary<string, object?> options, string option)
    {
        if (!options.TryGetValue(option, out var value) || value is null)
            return null;
        var seconds = value is TimeSpan span ? span.TotalSeconds : Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return seconds > 0 && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException(SqlErrors.BadVisibilityTimeout(value), nameof(options));
    }

    private static string TableName(IDictionary<string, object?> options, string option, string fallback)
    {
        if (!options.TryGetValue(option, out var value) || value is null)
            return fallback;
        var name = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        var plain = name.Length is > 0 and <= 63 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return plain ? name : throw new ArgumentException(SqlErrors.BadTableName(option, name), nameof(options));
    }
}

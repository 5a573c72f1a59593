using System.Globalization;

namespace Kombu.Transport.Sql;

/// <summary>The SQL transport options Kombu 5's sqlalchemy transport reads (wire format §8).</summary>
public sealed class SqlTransportOptions
{
    /// <summary>The queue and message table names.</summary>
    public SqlTableNames Tables { get; init; } = SqlTableNames.Default;

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
        };
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

namespace Kombu.Transport.Sql;

/// <summary>Builds the texts of the SQL transport's exceptions, in one place.</summary>
internal static class SqlErrors
{
    public const string Examples = "sqla+sqlite:///relative.db, sqla+sqlite:////absolute/path.db or sqla+postgresql://user:password@host:5432/database";

    public static string MissingUrl(string alias) =>
        $"The {alias} transport needs a database URL such as {Examples.Replace("sqla+", alias + "+", StringComparison.Ordinal)}.";

    public static string NotAUrl(string url) =>
        $"'{url}' is not a database URL; use one such as {Examples}.";

    public static string UnsupportedDialect(string dialect) =>
        $"The SQL transport has no driver for '{dialect}' databases; it supports sqlite and postgresql (for example {Examples}).";

    public static string BadSqlitePath(string url) =>
        $"Invalid SQLite URL '{url}': use sqlite:///relative/path.db (three slashes), sqlite:////absolute/path.db (four) or sqlite:// for memory.";

    public static string UnknownQueryOption(string dialect, string key, string supported) =>
        $"The SQL transport does not understand the {dialect} URL option '{key}'; supported: {supported}.";

    public static string BadQueryValue(string key, string value) =>
        $"The SQL URL option '{key}' has an unusable value '{value}'.";

    public static string BadVisibilityTimeout(object value) =>
        $"SQL transport option 'visibility_timeout' must be a positive number of seconds, not '{value}'.";

    public static string BadTableName(string option, string name) =>
        $"SQL transport option '{option}' must be a plain table name (letters, digits and underscores, not starting with a digit), not '{name}'.";

    public static string FanoutNotSupported(string exchange) =>
        $"Fanout exchange '{exchange}' is not supported by the SQL transport: as in Kombu's sqlalchemy transport, the database holds " +
        "only queues and messages, and bindings live in each process's memory, so no broadcast can reach other processes.";
}

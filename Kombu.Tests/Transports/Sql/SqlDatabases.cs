using Kombu.Tests.Support;
using Npgsql;

namespace Kombu.Tests.Transports.Sql;

/// <summary>The databases the SQL transport tests use: SQLite files in a scratch folder, and the PostgreSQL server
/// started by tools/brokers/postgresql.sh (role kombu, password kombu, database kombu_test).</summary>
internal static class SqlDatabases
{
    public const string PostgreSqlHost = "127.0.0.1";
    public const int PostgreSqlPort = 5432;
    public const string PostgreSqlStartCommand = "bash tools/brokers/postgresql.sh start";
    public const string PostgreSqlDatabaseUrl = "postgresql://kombu:kombu@127.0.0.1:5432/kombu_test";
    public const string PostgreSqlUrl = "sqla+" + PostgreSqlDatabaseUrl;

    private static readonly string s_scratch = Path.Combine(Path.GetTempPath(), "kombu-sql-tests");

    /// <summary>Fails the calling test unless PostgreSQL accepts connections, naming the start command.</summary>
    public static void RequirePostgreSql() =>
        BrokerEndpoint.Require("PostgreSQL", PostgreSqlHost, PostgreSqlPort, PostgreSqlStartCommand);

    /// <summary>A path for a new SQLite file (absolute, so its URL has four slashes).</summary>
    public static string NewSqliteFile()
    {
        Directory.CreateDirectory(s_scratch);
        return Path.Combine(s_scratch, $"kombu-{Guid.NewGuid():N}.db");
    }

    /// <summary>The transport URL of a SQLite file.</summary>
    public static string SqliteUrl(string path) => "sqla+sqlite:///" + path;

    /// <summary>Creates an empty PostgreSQL database and returns its SQLAlchemy URL (without the sqla+ prefix).</summary>
    public static string NewPostgreSqlDatabase()
    {
        RequirePostgreSql();
        var name = "kt_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(ConnectionString("kombu_test"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return $"postgresql://kombu:kombu@127.0.0.1:5432/{name}";
    }

    /// <summary>Drops a database made by <see cref="NewPostgreSqlDatabase"/>, closing the transport's pooled connections first.</summary>
    public static void DropPostgreSqlDatabase(string databaseUrl)
    {
        NpgsqlConnection.ClearAllPools();
        var name = databaseUrl[(databaseUrl.LastIndexOf('/') + 1)..];
        using var connection = new NpgsqlConnection(ConnectionString("kombu_test"));
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>An Npgsql connection string for a database on the test server.</summary>
    public static string ConnectionString(string database) =>
        $"Host={PostgreSqlHost};Port={PostgreSqlPort};Username=kombu;Password=kombu;Database={database};Pooling=false";

    /// <summary>The database name at the end of a PostgreSQL URL.</summary>
    public static string DatabaseName(string databaseUrl) => databaseUrl[(databaseUrl.LastIndexOf('/') + 1)..];
}

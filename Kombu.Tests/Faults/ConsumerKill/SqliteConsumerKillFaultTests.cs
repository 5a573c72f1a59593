using Kombu.Tests.Transports.Sql;

namespace Kombu.Tests.Faults.ConsumerKill;

/// <summary>Rows a dead consumer claimed in a SQLite file come back after the visibility timeout (1 s here).</summary>
[TestFixture]
public sealed class SqliteConsumerKillFaultTests : ConsumerKillFaultTests
{
    private static readonly string s_url = SqlDatabases.SqliteUrl(SqlDatabases.NewSqliteFile());

    protected override string Url => s_url;

    protected override Dictionary<string, object?> Options => new() { ["visibility_timeout"] = 1 };

    protected override int Count => 400;

    protected override void RequireBroker()
    {
    }
}

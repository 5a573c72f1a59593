using Kombu.Tests.Transports.Sql;

namespace Kombu.Tests.Faults.ConsumerKill;

/// <summary>Rows a dead consumer claimed on PostgreSQL come back after the visibility timeout (1 s here).</summary>
[TestFixture]
public sealed class PostgreSqlConsumerKillFaultTests : ConsumerKillFaultTests
{
    protected override string Url => SqlDatabases.PostgreSqlUrl;

    protected override Dictionary<string, object?> Options => new() { ["visibility_timeout"] = 1 };

    protected override int Count => 400;

    protected override void RequireBroker() => SqlDatabases.RequirePostgreSql();
}

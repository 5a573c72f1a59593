using Kombu.Tests.Transports.Conformance;

namespace Kombu.Tests.Transports.Sql;

/// <summary>The conformance suite on PostgreSQL through the SQL transport (no fanout, no priorities).</summary>
[TestFixture]
public sealed class PostgreSqlConformanceTests : TransportConformanceTests
{
    protected override string Url => SqlDatabases.PostgreSqlUrl;

    protected override bool SupportsFanout => false;

    [SetUp]
    public void RequireServer() => SqlDatabases.RequirePostgreSql();
}

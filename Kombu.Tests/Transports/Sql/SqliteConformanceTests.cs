using Kombu.Tests.Transports.Conformance;

namespace Kombu.Tests.Transports.Sql;

/// <summary>The conformance suite on a SQLite file through the SQL transport (no fanout, no priorities).</summary>
[TestFixture]
[Category("Unit")]
public sealed class SqliteConformanceTests : TransportConformanceTests
{
    private static readonly string s_url = SqlDatabases.SqliteUrl(SqlDatabases.NewSqliteFile());

    protected override string Url => s_url;

    protected override bool SupportsFanout => false;
}

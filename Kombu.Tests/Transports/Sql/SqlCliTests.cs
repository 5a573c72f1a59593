using Kombu.Tests.Cli;

namespace Kombu.Tests.Transports.Sql;

/// <summary>The kombu tool on <c>sqla+</c> URLs: publish, size and consume, on a SQLite file and on PostgreSQL.</summary>
[TestFixture]
public sealed class SqlCliTests
{
    [Test]
    public void Cli_PublishSizeConsume_WorksWithSqliteUrl()
    {
        var path = SqlDatabases.NewSqliteFile();
        try
        {
            AssertRoundTrip(SqlDatabases.SqliteUrl(path));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Test]
    public void Cli_PublishSizeConsume_WorksWithPostgreSqlUrl()
    {
        var url = SqlDatabases.NewPostgreSqlDatabase();
        try
        {
            AssertRoundTrip("sqla+" + url);
        }
        finally
        {
            SqlDatabases.DropPostgreSqlDatabase(url);
        }
    }

    private static void AssertRoundTrip(string url)
    {
        var published = CliRunner.Run("publish", "--url", url, "--exchange", "", "--routing-key", "cliq", "--declare-queue", "cliq", """{"a": 1}""");
        var size = CliRunner.Run("size", "--url", url, "--queue", "cliq");
        var consumed = CliRunner.Run("consume", "--url", url, "--queue", "cliq", "--limit", "1", "--timeout", "5");

        Assert.That((published.ExitCode, size.Stdout.Trim(), consumed.ExitCode), Is.EqualTo((0, "1", 0)),
            published.Stderr + size.Stderr + consumed.Stderr);
        Assert.That(consumed.Stdout, Does.StartWith("""{"body": {"a": 1}"""));
    }
}

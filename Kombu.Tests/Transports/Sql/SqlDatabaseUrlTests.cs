using Kombu.Transport.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kombu.Tests.Transports.Sql;

/// <summary>SQLAlchemy URL rules as the SQL transport reads them (no database needed).</summary>
[TestFixture]
[Category("Unit")]
public sealed class SqlDatabaseUrlTests
{
    [Test]
    public void Sqlite_ThreeSlashes_IsRelativeToTheCurrentDirectory()
    {
        using var dialect = SqlDatabaseUrl.Parse("sqlite:///data/kombu.db");

        Assert.That(new SqliteConnectionStringBuilder(dialect.ConnectionString).DataSource,
            Is.EqualTo(Path.GetFullPath("data/kombu.db")));
    }

    [Test]
    public void Sqlite_FourSlashes_IsAbsolute_AndTimeoutSetsTheBusyWait()
    {
        using var dialect = SqlDatabaseUrl.Parse("sqlite:////var/tmp/kombu.db?timeout=2.5");
        var builder = new SqliteConnectionStringBuilder(dialect.ConnectionString);

        Assert.That((builder.DataSource, builder.DefaultTimeout), Is.EqualTo(("/var/tmp/kombu.db", 3)));
    }

    [TestCase("sqlite://")]
    [TestCase("sqlite:///:memory:")]
    public void Sqlite_MemoryForms_AreAnInMemoryDatabase(string url)
    {
        using var dialect = SqlDatabaseUrl.Parse(url);

        Assert.That(new SqliteConnectionStringBuilder(dialect.ConnectionString).Mode, Is.EqualTo(SqliteOpenMode.Memory));
    }

    [Test]
    public void PostgreSql_DriverSuffixIgnored_PartsAndOptionsMapped_PasswordNotDisplayed()
    {
        using var dialect = SqlDatabaseUrl.Parse("postgresql+psycopg2://user:s3cret@db.example:6543/kombu?sslmode=require&application_name=w1");
        var builder = new NpgsqlConnectionStringBuilder(dialect.ConnectionString);

        Assert.That((builder.Host, builder.Port, builder.Username, builder.Password, builder.Database, builder.SslMode, builder.ApplicationName),
            Is.EqualTo(("db.example", 6543, "user", "s3cret", "kombu", SslMode.Require, "w1")));
        Assert.That(dialect.DisplayUrl, Does.Not.Contain("s3cret"));
    }

    [TestCase("mysql://u:p@h/db", "mysql")]
    [TestCase("sqlite:///x.db?journal=wal", "journal")]
    [TestCase("postgresql://u:secretpw@h/db?pool=5", "pool")]
    [TestCase("not a url", "not a url")]
    public void BadUrls_SayWhatIsWrong_WithoutThePassword(string url, string named)
    {
        Assert.That(() => SqlDatabaseUrl.Parse(url),
            Throws.ArgumentException.With.Message.Contains(named).And.Message.Not.Contains("secretpw"));
    }

    [Test]
    public void ConnectionUrl_SqlaPlusForm_ReachesTheTransport()
    {
        var path = SqlDatabases.NewSqliteFile();
        using var conn = new Connection("sqla+sqlite:///" + path);

        Assert.That(conn.TransportName, Is.EqualTo("sqla"));
        Assert.That(conn.Transport, Is.InstanceOf<SqlTransport>());
    }

    [TestCase("sqla+sqlite:///x.db", "sqla+sqlite:///x.db")]
    [TestCase("sqlalchemy+sqlite:////abs/x.db", "sqlalchemy+sqlite:////abs/x.db")]
    [TestCase("sqla+postgresql://u:secretpw@h/db", "sqla+postgresql://u:**@h/db")]
    public void AsUri_TransportPlusUrl_KeepsThePrefixAsKombu(string url, string expected)
    {
        using var conn = new Connection(url);

        Assert.That(conn.AsUri(), Is.EqualTo(expected));
        Assert.That(new Connection(conn.AsUri(includePassword: true)).AsUri(includePassword: true), Is.EqualTo(url));
    }

    [Test]
    public void PollingInterval_DjangoAlias_IsFiveSecondsWithoutTouchingTheOptions()
    {
        using var django = new Connection("django+sqlite:///" + SqlDatabases.NewSqliteFile());
        using var sqla = new Connection("sqla+sqlite:///" + SqlDatabases.NewSqliteFile());
        using var tuned = new Connection("django+sqlite:///" + SqlDatabases.NewSqliteFile(),
            transportOptions: new Dictionary<string, object?> { ["polling_interval"] = 0.25 });

        Assert.That(((SqlTransport)django.Transport).PollingInterval, Is.EqualTo(SqlTransport.DjangoPollingInterval));
        Assert.That(django.TransportOptions, Does.Not.ContainKey("polling_interval"));
        Assert.That(((SqlTransport)sqla.Transport).PollingInterval, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(((SqlTransport)tuned.Transport).PollingInterval, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
    }
}

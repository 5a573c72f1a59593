using Kombu.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kombu.Tests.Transports.Sql;

/// <summary>The tables, indexes and rows the SQL transport writes, read directly, against Kombu 5's layout (§8).</summary>
[TestFixture]
public sealed class SqlSchemaTests
{
    [Test]
    public void Sqlite_TablesIndexesAndRows_AreKombus()
    {
        var path = SqlDatabases.NewSqliteFile();
        try
        {
            using (var conn = new Connection(SqlDatabases.SqliteUrl(path)))
            {
                var queue = new Queue("sq", durable: false).Bind(conn.DefaultChannel);
                queue.Declare();
                var producer = conn.CreateProducer();
                producer.Publish(new Dictionary<string, object?> { ["hello"] = 1L }, routingKey: "sq");
                producer.Publish(new Dictionary<string, object?> { ["hello"] = 2L }, routingKey: "sq");
                queue.Get()!.Ack();
            }
            using var db = new SqliteConnection($"Data Source={path};Pooling=false");
            db.Open();

            Assert.That(Column(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name"),
                Is.EqualTo(new[] { "ix_kombu_message_timestamp", "ix_kombu_message_timestamp_id", "ix_kombu_message_visible" }));
            Assert.That(Column(db, "SELECT name FROM pragma_table_info('kombu_message') ORDER BY cid"),
                Is.EqualTo(new[] { "id", "visible", "timestamp", "payload", "version", "queue_id" }));
            Assert.That(Column(db, "SELECT sql FROM sqlite_master WHERE name = 'kombu_message'").Single(),
                Does.Contain("CONSTRAINT \"FK_kombu_message_queue\" FOREIGN KEY(queue_id) REFERENCES kombu_queue (id)"));
            Assert.That(Column(db, "SELECT id || ',' || name FROM kombu_queue"), Is.EqualTo(new[] { "1,sq" }));
            Assert.That(Column(db, "SELECT id || ',' || visible || ',' || version || ',' || (timestamp IS NULL) FROM kombu_message ORDER BY id"),
                Is.EqualTo(new[] { "1,0,2,0", "2,1,1,1" }), "the consumed row stays, invisible, version 2, timestamped");
            var payload = (IDictionary<string, object?>)KombuJson.Deserialize(Column(db, "SELECT payload FROM kombu_message WHERE id = 2").Single())!;
            var properties = (IDictionary<string, object?>)payload["properties"]!;
            Assert.That(properties["body_encoding"], Is.EqualTo("base64"));
            Assert.That(((IDictionary<string, object?>)properties["delivery_info"]!)["routing_key"], Is.EqualTo("sq"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Test]
    public void PostgreSql_TablesAndSequences_AreKombus()
    {
        var url = SqlDatabases.NewPostgreSqlDatabase();
        try
        {
            using (var conn = new Connection("sqla+" + url))
                new Queue("pq", durable: false).Bind(conn.DefaultChannel).Declare();
            using var db = new NpgsqlConnection(SqlDatabases.ConnectionString(SqlDatabases.DatabaseName(url)));
            db.Open();

            Assert.That(Column(db, "SELECT sequence_name FROM information_schema.sequences ORDER BY sequence_name"),
                Is.EqualTo(new[] { "message_id_sequence", "queue_id_sequence" }));
            Assert.That(Column(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'kombu_message' ORDER BY ordinal_position"),
                Is.EqualTo(new[] { "id", "visible", "timestamp", "payload", "version", "queue_id" }));
            Assert.That(Column(db, "SELECT constraint_name FROM information_schema.table_constraints WHERE table_name = 'kombu_message' AND constraint_type = 'FOREIGN KEY'"),
                Is.EqualTo(new[] { "FK_kombu_message_queue" }));
            Assert.That(Column(db, "SELECT name FROM kombu_queue"), Is.EqualTo(new[] { "pq" }));
        }
        finally
        {
            SqlDatabases.DropPostgreSqlDatabase(url);
        }
    }

    private static List<string> Column(System.Data.Common.DbConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }
}

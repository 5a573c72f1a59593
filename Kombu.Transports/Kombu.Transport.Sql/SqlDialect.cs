using System.Data.Common;

namespace Kombu.Transport.Sql;

/// <summary>What differs between the databases the SQL transport supports: connections, DDL and the SQL of each operation.</summary>
/// <remarks>
/// The statements reproduce what SQLAlchemy emits for Kombu 5's models (wire format §8.1), so tables created here and
/// tables created by Python Kombu's <c>metadata.create_all</c> are the same.
/// </remarks>
internal abstract class SqlDialect : IDisposable
{
    /// <summary>The SQLAlchemy dialect name, <c>sqlite</c> or <c>postgresql</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The ADO.NET connection string.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>The database URL with its password masked, for logs and messages.</summary>
    public required string DisplayUrl { get; init; }

    /// <summary>The version of the ADO.NET provider.</summary>
    public abstract string DriverVersion { get; }

    /// <summary>The SQL literal for false in this database.</summary>
    public abstract string False { get; }

    /// <summary>The SQL literal for true in this database.</summary>
    public abstract string True { get; }

    /// <summary>Creates an unopened connection.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>Starts the transaction that claims a message or creates the schema: one that holds the write lock at once.</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The statements that create the tables, sequences and indexes when missing, in order.</summary>
    public abstract IReadOnlyList<string> CreateSchema(SqlTableNames tables);

    /// <summary>Inserts a queue row unless one with the name exists (parameter <c>@name</c>).</summary>
    public abstract string InsertQueue(SqlTableNames tables);

    /// <summary>Inserts a visible message row with version 1 and no timestamp (parameters <c>@payload</c>, <c>@queue</c>).</summary>
    public abstract string InsertMessage(SqlTableNames tables);

    /// <summary>Selects the oldest visible message of a queue, locking it where the database can (parameter <c>@queue</c>).</summary>
    public abstract string SelectNext(SqlTableNames tables);

    /// <summary>The value to store in the <c>timestamp</c> column for a local time, in the form SQLAlchemy writes.</summary>
    public abstract object Timestamp(DateTime localTime);

    /// <inheritdoc/>
    public virtual void Dispose()
    {
    }
}

namespace Kombu.Transport.Sql;

/// <summary>The two table names of a Kombu database (transport options <c>queue_tablename</c> and <c>message_tablename</c>).</summary>
/// <param name="Queue">The queue table, <c>kombu_queue</c> by default.</param>
/// <param name="Message">The message table, <c>kombu_message</c> by default.</param>
public sealed record SqlTableNames(string Queue, string Message)
{
    /// <summary>Kombu's default names, <c>kombu_queue</c> and <c>kombu_message</c>.</summary>
    public static SqlTableNames Default { get; } = new("kombu_queue", "kombu_message");
}

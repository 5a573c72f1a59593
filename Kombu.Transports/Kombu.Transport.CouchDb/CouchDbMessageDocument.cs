namespace Kombu.Transport.CouchDb;

/// <summary>One stored message: the document <c>{"_id", "_rev", "queue", "payload"}</c> (wire format §9.2).</summary>
/// <param name="Id">The document id (<c>_id</c>).</param>
/// <param name="Revision">The document revision (<c>_rev</c>), needed to delete it.</param>
/// <param name="Queue">The queue name (<c>queue</c>).</param>
/// <param name="Payload">The virtual envelope as a JSON string (<c>payload</c>).</param>
internal sealed record CouchDbMessageDocument(string Id, string Revision, string Queue, string Payload);

using Kombu.Tests.Transports.CouchDb;

namespace Kombu.Tests.Faults.ConsumerKill;

/// <summary>
/// The CouchDB transport (pouchdb-server) deletes a message as it hands it out, as Kombu does: the one a killed consumer
/// was printing is lost.
/// </summary>
[TestFixture]
public sealed class CouchDbConsumerKillFaultTests : ConsumerKillFaultTests
{
    protected override string Url => CouchDbBroker.Url;

    protected override int Count => 400;

    protected override Dictionary<string, object?> Options => new() { ["polling_interval"] = 0.05 };

    protected override int MaxLost => 1;

    protected override void RequireBroker() => CouchDbBroker.Require();
}

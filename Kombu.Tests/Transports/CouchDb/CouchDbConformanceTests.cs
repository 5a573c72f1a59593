using Kombu.Tests.Transports.Conformance;

namespace Kombu.Tests.Transports.CouchDb;

/// <summary>The conformance suite on pouchdb-server: no fanout (CouchDB has no publish/subscribe), no priorities.</summary>
[TestFixture]
public sealed class CouchDbConformanceTests : TransportConformanceTests
{
    protected override string Url => CouchDbBroker.Url;

    protected override bool SupportsFanout => false;

    protected override bool SupportsPriority => false;

    [SetUp]
    public void RequireBroker() => CouchDbBroker.Require();
}

using Kombu.Tests.Transports.Conformance;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>The conformance suite on MongoDB: fanout through the broadcast collection; higher priorities first, as Kombu stores 9 − priority.</summary>
[TestFixture]
public sealed class MongoDbConformanceTests : TransportConformanceTests
{
    protected override string Url => MongoDbBroker.Url("kombu_conformance");

    protected override bool SupportsPriority => true;

    [SetUp]
    public void RequireBroker() => MongoDbBroker.Require();
}

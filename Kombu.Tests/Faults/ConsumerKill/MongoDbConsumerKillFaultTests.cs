using Kombu.Tests.Transports.MongoDb;

namespace Kombu.Tests.Faults.ConsumerKill;

/// <summary>
/// The MongoDB transport (CongoDB unless KOMBU_MONGODB_URL is set) deletes a message as it hands it out, as Kombu does:
/// the one a killed consumer was printing is lost.
/// </summary>
[TestFixture]
public sealed class MongoDbConsumerKillFaultTests : ConsumerKillFaultTests
{
    protected override string Url => MongoDbBroker.Url("kombu_faults");

    protected override int Count => 500;

    protected override int MaxLost => 1;

    protected override void RequireBroker() => MongoDbBroker.Require();
}

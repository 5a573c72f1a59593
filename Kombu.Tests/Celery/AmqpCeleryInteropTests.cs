using Kombu.Celery;
using Kombu.Exceptions;
using Kombu.Tests.Transports.Amqp;

namespace Kombu.Tests.Celery;

/// <summary>Celery interop on RabbitMQ with the rpc:// result backend.</summary>
[TestFixture]
public sealed class AmqpCeleryInteropTests : CeleryInteropTests
{
    protected override string BrokerUrl => AmqpBroker.Url;

    protected override string BackendUrl => "rpc://";

    protected override void RequireBroker() => AmqpBroker.Require();

    [Test]
    public async Task Chord_RpcBackend_RefusedAsCeleryDoes() =>
        await Assert.ThrowsAsync<UnsupportedOperationException>(async () =>
            await new Chord([Add(1, 1)], App.CreateSignature("interop.tsum")).SendAsync(App));
}

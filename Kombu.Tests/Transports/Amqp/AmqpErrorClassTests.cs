using System.Collections.Concurrent;
using Kombu.Exceptions;
using Kombu.Transport.Amqp;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>Recoverable and irrecoverable AMQP errors as py-amqp classifies them, and what <c>Ensure</c> does with each.</summary>
[TestFixture]
public sealed class AmqpErrorClassTests
{
    [TestCase(311, typeof(AmqpRecoverableChannelException))]
    [TestCase(313, typeof(AmqpRecoverableChannelException))]
    [TestCase(405, typeof(AmqpRecoverableChannelException))]
    [TestCase(403, typeof(AmqpChannelException))]
    [TestCase(404, typeof(AmqpChannelException))]
    [TestCase(406, typeof(AmqpChannelException))]
    [TestCase(312, typeof(AmqpChannelException))]
    [Category("Unit")]
    public void ChannelError_ReplyCode_PicksPyAmqpsClass(int code, Type expected)
    {
        var error = AmqpErrors.ChannelError("closed", code, null);

        Assert.That((error.GetType(), error.ReplyCode), Is.EqualTo((expected, code)));
    }

    [TestCase(ShutdownInitiator.Peer, 320, typeof(AmqpRecoverableConnectionException))]
    [TestCase(ShutdownInitiator.Peer, 506, typeof(AmqpRecoverableConnectionException))]
    [TestCase(ShutdownInitiator.Peer, 501, typeof(AmqpConnectionException))]
    [TestCase(ShutdownInitiator.Peer, 530, typeof(AmqpConnectionException))]
    [TestCase(ShutdownInitiator.Peer, 541, typeof(AmqpConnectionException))]
    [TestCase(ShutdownInitiator.Library, 541, typeof(AmqpRecoverableConnectionException))]
    [TestCase(ShutdownInitiator.Application, 200, typeof(AmqpRecoverableConnectionException))]
    [Category("Unit")]
    public void ConnectionError_Shutdown_BrokerCodesPickTheClassNetworkFailuresAreRecoverable(ShutdownInitiator initiator,
        int code, Type expected)
    {
        var error = AmqpErrors.ConnectionError("closed", new ShutdownEventArgs(initiator, (ushort)code, "text"), null);

        Assert.That(error.GetType(), Is.EqualTo(expected));
    }

    [Test]
    [Category("Unit")]
    public void RecoverableErrors_AreTheRecoverableClassesOnly()
    {
        using var conn = new Connection(AmqpBroker.Url);

        Assert.That(conn.RecoverableChannelErrors, Is.EqualTo(new[] { typeof(AmqpRecoverableChannelException) }));
        Assert.That(conn.RecoverableConnectionErrors,
            Is.EquivalentTo(new[] { typeof(AmqpRecoverableConnectionException), typeof(AmqpChannelClosedException) }));
    }

    [Test]
    public async Task Autoretry_ResourceLocked405_IsRetriedUntilTheOwnerLetsGo()
    {
        AmqpBroker.Require();
        var name = AmqpBroker.UniqueName("locked");
        using var owner = new Connection(AmqpBroker.Url);
        await owner.DefaultChannel.QueueDeclareAsync(name, durable: false, exclusive: true, autoDelete: true);
        using var conn = new Connection(AmqpBroker.Url);
        var errors = new ConcurrentQueue<Exception>();
        var policy = new RetryPolicy
        {
            MaxRetries = 5,
            IntervalStart = TimeSpan.Zero,
            Errback = (error, _) =>
            {
                errors.Enqueue(error);
                owner.Close();
            },
        };

        var (_, channel) = await conn.AutoretryAsync((ch, ct) => ch.QueueDeclareAsync(name, durable: false, autoDelete: true,
            cancellationToken: ct).AsTask(), policy: policy)(CancellationToken.None);

        Assert.That(errors.First(), Is.TypeOf<AmqpRecoverableChannelException>().With.Property("ReplyCode").EqualTo(405));
        Assert.That(channel.IsOpen, Is.True, "the channel the broker closed was replaced");
        await channel.QueueDeleteAsync(name);
    }

    [Test]
    public void Ensure_NotFound404_IsRaisedAtOnceNotRetried()
    {
        AmqpBroker.Require();
        using var conn = new Connection(AmqpBroker.Url);
        var attempts = 0;
        var ensured = conn.EnsureAsync(null, async ct =>
        {
            attempts++;
            var channel = await conn.GetDefaultChannelAsync(ct);
            return await channel.QueueDeclareAsync(AmqpBroker.UniqueName("none"), passive: true, cancellationToken: ct);
        }, new RetryPolicy { MaxRetries = 3 });

        Assert.That(async () => await ensured(CancellationToken.None),
            Throws.TypeOf<AmqpChannelException>().With.Property("ReplyCode").EqualTo(404));
        Assert.That(attempts, Is.EqualTo(1));
    }

    [Test]
    public void EnsureConnection_WrongPassword_RaisesAccessRefusedAtOnce()
    {
        AmqpBroker.Require();
        using var conn = new Connection("amqp://guest:wrong@127.0.0.1:5672//");
        var errbacks = 0;

        Assert.That(() => conn.EnsureConnection((_, _) => errbacks++, maxRetries: 3, intervalStart: TimeSpan.Zero),
            Throws.TypeOf<AmqpConnectionException>().With.Property("ReplyCode").EqualTo(403));
        Assert.That(errbacks, Is.Zero, "a refused login is not retried, as py-amqp's AccessRefused");
    }
}

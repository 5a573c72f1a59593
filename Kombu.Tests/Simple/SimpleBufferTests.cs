using Kombu.Simple;

namespace Kombu.Tests.Simple;

[Category("Unit")]
public sealed class SimpleBufferTests
{
    private static string Unique() => $"buffer-{Guid.NewGuid():N}";

    [Test]
    public void Ctor_Name_DeclaresTransientAutoDeleteEntities()
    {
        using var connection = new Connection("memory://");

        using var buffer = connection.CreateSimpleBuffer(Unique());

        Assert.Multiple(() =>
        {
            Assert.That(buffer.Queue.Durable, Is.False);
            Assert.That(buffer.Queue.AutoDelete, Is.True);
            Assert.That(buffer.Queue.Exchange?.Durable, Is.False);
            Assert.That(buffer.Queue.Exchange?.AutoDelete, Is.True);
            Assert.That(buffer.Queue.Exchange?.DeliveryMode, Is.EqualTo(DeliveryMode.Transient));
        });
    }

    [Test]
    public void Ctor_NoAckUnset_DefaultsToNoAck()
    {
        using var connection = new Connection("memory://");

        using var buffer = connection.CreateSimpleBuffer(Unique());

        Assert.That(buffer.NoAck, Is.True);
    }

    [Test]
    public void Get_AfterPut_MessageIsTransient()
    {
        using var connection = new Connection("memory://");
        using var buffer = connection.CreateSimpleBuffer(Unique());
        buffer.Put("fleeting");

        var message = buffer.Get(timeout: TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(message.Payload, Is.EqualTo("fleeting"));
            Assert.That(Convert.ToInt32(message.Properties["delivery_mode"], System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(DeliveryMode.Transient));
        });
    }

    [Test]
    public void Ctor_OptionsOverride_KeepsGivenValues()
    {
        using var connection = new Connection("memory://");

        using var buffer = connection.CreateSimpleBuffer(Unique(), options: new SimpleQueueOptions { AutoDelete = false });

        Assert.That(buffer.Queue.AutoDelete, Is.False);
    }

    [Test]
    public void Close_CreatedByConnection_ClosesOwnedChannel()
    {
        using var connection = new Connection("memory://");
        var buffer = connection.CreateSimpleBuffer(Unique());

        buffer.Dispose();

        Assert.That(buffer.Channel.IsOpen, Is.False);
    }
}

using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public class EnvelopeTests
{
    private static Envelope Sample() => new()
    {
        Body = [1, 2, 3],
        ContentType = "application/json",
        ContentEncoding = "utf-8",
        Headers = { ["h"] = 1 },
        Properties = { ["correlation_id"] = "c" },
        DeliveryTag = "tag",
        Exchange = "ex",
        RoutingKey = "rk",
    };

    [Test]
    public void CloneForRestore_Envelope_KeepsTagAndMarksRedelivered()
    {
        var copy = Sample().CloneForRestore();

        Assert.That((copy.DeliveryTag, copy.Redelivered, copy.Exchange, copy.RoutingKey),
            Is.EqualTo(("tag", true, "ex", "rk")));
    }

    [Test]
    public void CloneForRestore_Envelope_CopiesDictionaries()
    {
        var original = Sample();

        var copy = original.CloneForRestore();
        copy.Headers["h"] = 2;

        Assert.That(original.Headers["h"], Is.EqualTo(1));
    }

    [Test]
    public void BuildProperties_Envelope_HasCallerAndReservedKeys()
    {
        var envelope = Sample();

        var properties = envelope.BuildProperties(envelope.BuildDeliveryInfo());

        Assert.That(properties.Keys, Is.EqualTo(new[]
        {
            "correlation_id", "delivery_mode", "delivery_info", "priority", "body_encoding", "delivery_tag",
        }));
    }

    [Test]
    public void BuildDeliveryInfo_Envelope_HasExchangeAndRoutingKey()
    {
        Assert.That(Sample().BuildDeliveryInfo(), Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["exchange"] = "ex", ["routing_key"] = "rk",
        }));
    }
}

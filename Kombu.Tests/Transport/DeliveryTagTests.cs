using Kombu.Transport;

namespace Kombu.Tests.Transport;

[Category("Unit")]
public class DeliveryTagTests
{
    [Test]
    public void Equals_SameNumber_IsEqualWithSameHashCode()
    {
        DeliveryTag a = 42UL, b = new(42UL);

        Assert.That((a == b, a.GetHashCode() == b.GetHashCode(), a.Equals((object)b)), Is.EqualTo((true, true, true)));
    }

    [Test]
    public void Equals_NumberAndTextSpellingIt_AreDifferent()
    {
        DeliveryTag number = 7UL, text = "7";

        Assert.That(number != text, Is.True);
    }

    [Test]
    public void Equals_SameText_IsEqual()
    {
        DeliveryTag a = "185fb112-dd4c-4c58-b262-025d4accbec7", b = new("185fb112-dd4c-4c58-b262-025d4accbec7");

        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void ToString_EachKind_IsTheTagAsText()
    {
        Assert.That((((DeliveryTag)12345678901UL).ToString(), ((DeliveryTag)"abc").ToString(), default(DeliveryTag).ToString()),
            Is.EqualTo(("12345678901", "abc", "")));
    }

    [Test]
    public void TryGetNumber_NumberOrDigits_ReadsIt()
    {
        var fromNumber = ((DeliveryTag)5UL).TryGetNumber(out var five);
        var fromDigits = ((DeliveryTag)"6").TryGetNumber(out var six);
        var fromUuid = ((DeliveryTag)"not-a-number").TryGetNumber(out _);

        Assert.That((fromNumber, five, fromDigits, six, fromUuid), Is.EqualTo((true, 5UL, true, 6UL, false)));
    }

    [Test]
    public void IsEmpty_DefaultOrZero_IsTrueAndFalseOnceSet()
    {
        Assert.That((default(DeliveryTag).IsEmpty, ((DeliveryTag)0UL).IsEmpty, ((DeliveryTag)1UL).IsEmpty, ((DeliveryTag)"").IsEmpty),
            Is.EqualTo((true, true, false, false)));
    }
}

using Kombu.Utils;

namespace Kombu.Tests.Utils;

[Category("Unit")]
internal sealed class UrlPartsTests
{
    [Test]
    public void ToString_WithPassword_NeverShowsIt()
    {
        var text = Urls.Parse("amqp://user:hunter2@h:5672/v?x=1").ToString();
        Assert.That(text, Does.Not.Contain("hunter2").And.Contain("user").And.Contain("**"));
    }

    [Test]
    public void ToString_TransportPlusHostname_MasksEmbeddedPassword() =>
        Assert.That(Urls.Parse("sqla+postgresql://u:hunter2@h/db").ToString(), Does.Not.Contain("hunter2"));

    [Test]
    public void Equals_SameUrlParsedTwice_AreEqual()
    {
        const string url = "rediss://:p@h:1/2?a=b&ssl_check_hostname=false";
        var first = Urls.Parse(url);
        var second = Urls.Parse(url);

        Assert.That(first, Is.EqualTo(second));
    }

    [Test]
    public void Equals_DifferentQuery_AreNotEqual() =>
        Assert.That(Urls.Parse("amqp://h?a=1"), Is.Not.EqualTo(Urls.Parse("amqp://h?a=2")));

    [Test]
    public void Defaults_NewInstance_HasEmptyMaps() =>
        Assert.That((new UrlParts().Query.Count, new UrlParts().Ssl.Count), Is.EqualTo((0, 0)));
}

using Kombu.Utils;

namespace Kombu.Tests.Utils;

internal sealed partial class UrlsTests
{
    [Test]
    public void AsUrl_AllParts_BuildsQuotedUrl() =>
        Assert.That(Urls.AsUrl("amqp", "h st", 5672, "us/er", "p@ss:w", "vhost"),
            Is.EqualTo("amqp://us%2Fer:p%40ss%3Aw@h%20st:5672/vhost"));

    [Test]
    public void AsUrl_SchemeOnly_EndsWithSlash() =>
        Assert.That(Urls.AsUrl("redis"), Is.EqualTo("redis:///"));

    [Test]
    public void AsUrl_PortZero_OmitsPort() =>
        Assert.That(Urls.AsUrl("sqla", "h", 0), Is.EqualTo("sqla://h/"));

    [Test]
    public void AsUrl_PasswordOnly_WritesColonBeforePassword() =>
        Assert.That(Urls.AsUrl("redis", "localhost", 6379, password: "secret", path: "2"),
            Is.EqualTo("redis://:secret@localhost:6379/2"));

    [Test]
    public void AsUrl_Sanitize_MasksPassword() =>
        Assert.That(Urls.AsUrl("amqp", "h", user: "u", password: "secret", sanitize: true),
            Is.EqualTo("amqp://u:**@h/"));

    [Test]
    public void AsUrl_SanitizeWithEmptyMask_WritesOnlyColon() =>
        Assert.That(Urls.AsUrl("amqp", "h", user: "u", password: "secret", sanitize: true, mask: ""),
            Is.EqualTo("amqp://u:@h/"));

    [Test]
    public void AsUrl_Query_AppendsUrlEncodedQuery() =>
        Assert.That(Urls.AsUrl("amqp", "h", query: new Dictionary<string, string> { ["a b"] = "x&y", ["c"] = "1" }),
            Is.EqualTo("amqp://h/?a+b=x%26y&c=1"));

    [Test]
    public void AsUrl_SafeCharacters_LeftUnquoted() =>
        Assert.That(Urls.AsUrl("amqp", "Az09_.-~"), Is.EqualTo("amqp://Az09_.-~/"));

    [Test]
    public void AsUrl_ParsedParts_RoundTrips()
    {
        var parts = Urls.Parse("amqp://us%3Aer:p%40ss@host:5672//foo");
        Assert.That(Urls.Parse(Urls.AsUrl(parts.Transport!, parts.Hostname, parts.Port, parts.UserId, parts.Password, parts.VirtualHost)),
            Is.EqualTo(parts));
    }

    [TestCase("amqp://user%61:%61pass@ho%61st:10000/v%2fhost", "amqp://usera:**@hoast:10000/v/host")]
    [TestCase("redis://:secret@localhost:6379/2?ssl_cert_reqs=none", "redis://:**@localhost:6379/2")]
    [TestCase("amqp://guest@h//", "amqp://guest@h//")]
    [TestCase("sqla+postgresql://u:p@h/db", "sqla+postgresql://u:**@h/db")]
    public void MaybeSanitize_Url_MasksPassword(string url, string expected) =>
        Assert.That(Urls.MaybeSanitize(url), Is.EqualTo(expected));

    [Test]
    public void MaybeSanitize_CustomMask_UsesMask() =>
        Assert.That(Urls.MaybeSanitize("amqp://u:p@h", "XXX"), Is.EqualTo("amqp://u:XXX@h/"));

    [TestCase("localhost")]
    [TestCase("")]
    [TestCase("u:p@h")]
    public void MaybeSanitize_NotAUrl_ReturnsUnchanged(string value) =>
        Assert.That(Urls.MaybeSanitize(value), Is.SameAs(value));

    [Test]
    public void MaybeSanitize_FailoverList_MasksEachPassword() =>
        Assert.That(Urls.MaybeSanitize("redis://:a1@h1/0;redis://:b2@h2/1"),
            Is.EqualTo("redis://:**@h1/0;redis://:**@h2/1"));

    [Test]
    public void MaybeSanitize_UnparsableUrl_StillMasksPassword() =>
        Assert.That(Urls.MaybeSanitize("amqp://u:hunter2@h:bad/v"), Is.EqualTo("amqp://u:**@h:bad/v"));
}

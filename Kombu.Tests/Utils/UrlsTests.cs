using Kombu.Utils;

namespace Kombu.Tests.Utils;

[Category("Unit")]
internal sealed class UrlsTests
{
    [TestCase("amqp://host", null)]
    [TestCase("amqp://host/", null)]
    [TestCase("amqp://host//", "/")]
    [TestCase("amqp://host/%2f", "/")]
    [TestCase("amqp://host//foo", "/foo")]
    [TestCase("amqp://host/my/vhost", "my/vhost")]
    [TestCase("redis://h:6379/2", "2")]
    public void Parse_VirtualHostExamples_RemovesExactlyOneLeadingSlash(string url, string? expected) =>
        Assert.That(Urls.Parse(url).VirtualHost, Is.EqualTo(expected));

    [Test]
    public void Parse_PercentEncodedParts_DecodesEachPart()
    {
        var parts = Urls.Parse("amqp://user%61:%61pass@ho%61st:10000/v%2fhost");
        Assert.Multiple(() =>
        {
            Assert.That(parts.Transport, Is.EqualTo("amqp"));
            Assert.That(parts.UserId, Is.EqualTo("usera"));
            Assert.That(parts.Password, Is.EqualTo("apass"));
            Assert.That(parts.Hostname, Is.EqualTo("hoast"));
            Assert.That(parts.Port, Is.EqualTo(10000));
            Assert.That(parts.VirtualHost, Is.EqualTo("v/host"));
        });
    }

    [Test]
    public void Parse_PasswordWithoutUser_GivesNullUser()
    {
        var parts = Urls.Parse("redis://:secret@localhost:6379/2");
        Assert.Multiple(() =>
        {
            Assert.That(parts.UserId, Is.Null);
            Assert.That(parts.Password, Is.EqualTo("secret"));
            Assert.That(parts.Hostname, Is.EqualTo("localhost"));
            Assert.That(parts.Port, Is.EqualTo(6379));
            Assert.That(parts.VirtualHost, Is.EqualTo("2"));
        });
    }

    [Test]
    public void Parse_CredentialsWithoutHost_GivesNullHost()
    {
        var parts = Urls.Parse("sqs://AKIA:se%2Fcret@");
        Assert.Multiple(() =>
        {
            Assert.That(parts.UserId, Is.EqualTo("AKIA"));
            Assert.That(parts.Password, Is.EqualTo("se/cret"));
            Assert.That(parts.Hostname, Is.Null);
            Assert.That(parts.Port, Is.Null);
        });
    }

    [Test]
    public void Parse_SchemeOnly_GivesOnlyTransport()
    {
        var parts = Urls.Parse("amqp://");
        Assert.That(parts, Is.EqualTo(new UrlParts { Transport = "amqp" }));
    }

    [TestCase("sqla+postgresql://u:p@h/db", "sqla", "postgresql://u:p@h/db")]
    [TestCase("sqla+sqlite:///x.db", "sqla", "sqlite:///x.db")]
    [TestCase("redis+socket:///tmp/r.sock", "redis", "socket:///tmp/r.sock")]
    [TestCase("a+b+c://x?y=1", "a", "b+c://x?y=1")]
    public void Parse_TransportPlusScheme_ReturnsRemainderVerbatimAsHostname(string url, string transport, string hostname)
    {
        var parts = Urls.Parse(url);
        Assert.That(parts, Is.EqualTo(new UrlParts { Transport = transport, Hostname = hostname }));
    }

    [Test]
    public void Parse_RepeatedQueryKey_LastValueWins() =>
        Assert.That(Urls.Parse("amqp://h/?heartbeat=10&heartbeat=20").Query["heartbeat"], Is.EqualTo("20"));

    [Test]
    public void Parse_EncodedQuery_DecodesKeysAndValues()
    {
        var query = Urls.Parse("amqp://h/?login%5Fmethod=AMQP%20PLAIN&x=a+b").Query;
        Assert.That(query, Is.EquivalentTo(new Dictionary<string, string> { ["login_method"] = "AMQP PLAIN", ["x"] = "a b" }));
    }

    [Test]
    public void Parse_BlankOrBareQueryKeys_AreDropped() =>
        Assert.That(Urls.Parse("amqp://h/?a=&b&c=1").Query.Keys, Is.EquivalentTo(new[] { "c" }));

    [Test]
    public void Parse_SslKeys_MovedIntoSslWithoutPrefix()
    {
        var parts = Urls.Parse("rediss://h/0?ssl_cert_reqs=required&ssl_ca_certs=%2Fca.pem&ssl_check_hostname=False&connect_timeout=7");
        Assert.Multiple(() =>
        {
            Assert.That(parts.Query, Is.EquivalentTo(new Dictionary<string, string> { ["connect_timeout"] = "7" }));
            Assert.That(parts.Ssl["cert_reqs"], Is.EqualTo("CERT_REQUIRED"));
            Assert.That(parts.Ssl["ca_certs"], Is.EqualTo("/ca.pem"));
            Assert.That(parts.Ssl["check_hostname"], Is.False);
        });
    }

    [TestCase("true", true)]
    [TestCase("FALSE", false)]
    [TestCase("no", true)]
    public void Parse_SslCheckHostname_FalseOnlyForFalse(string value, bool expected) =>
        Assert.That(Urls.Parse($"rediss://h?ssl_check_hostname={value}").Ssl["check_hostname"], Is.EqualTo(expected));

    [TestCase("CERT_REQUIRED", "CERT_REQUIRED")]
    [TestCase("optional", "CERT_OPTIONAL")]
    [TestCase("CERT_OPTIONAL", "CERT_OPTIONAL")]
    [TestCase("none", "CERT_NONE")]
    [TestCase("CERT_NONE", "CERT_NONE")]
    public void Parse_SslCertReqs_Normalised(string value, string expected) =>
        Assert.That(Urls.Parse($"rediss://h?ssl_cert_reqs={value}").Ssl["cert_reqs"], Is.EqualTo(expected));

    [Test]
    public void Parse_UnknownSslCertReqs_ThrowsArgumentException() =>
        Assert.That(() => Urls.Parse("rediss://h?ssl_cert_reqs=maybe"), Throws.ArgumentException.With.Message.Contains("maybe"));

    [Test]
    public void Parse_MixedCaseHost_LowercasesHostAndScheme()
    {
        var parts = Urls.Parse("AMQP://MyHost:5672/VHost");
        Assert.That((parts.Transport, parts.Hostname, parts.VirtualHost), Is.EqualTo(("amqp", "myhost", "VHost")));
    }

    [Test]
    public void Parse_AtSignInPassword_SplitsOnLastAt()
    {
        var parts = Urls.Parse("amqp://u:p@ss@h");
        Assert.That((parts.UserId, parts.Password, parts.Hostname), Is.EqualTo(("u", "p@ss", "h")));
    }

    [Test]
    public void Parse_Utf8EncodedCredentials_DecodesUtf8()
    {
        var parts = Urls.Parse("amqp://J%C3%BCrgen:p%C3%A4ss@h/caf%C3%A9");
        Assert.That((parts.UserId, parts.Password, parts.VirtualHost), Is.EqualTo(("Jürgen", "päss", "café")));
    }

    [Test]
    public void Parse_QueryWithoutPath_GivesNullVirtualHost()
    {
        var parts = Urls.Parse("amqp://h?heartbeat=5");
        Assert.That((parts.VirtualHost, parts.Query["heartbeat"]), Is.EqualTo(((string?)null, "5")));
    }

    [Test]
    public void Parse_EmptyPort_GivesNullPort() =>
        Assert.That(Urls.Parse("amqp://h:/").Port, Is.Null);

    [Test]
    public void Parse_Fragment_IsIgnored() =>
        Assert.That(Urls.Parse("amqp://h/v#frag").VirtualHost, Is.EqualTo("v"));

    [TestCase("amqp://u:hunter2@h:abc/")]
    [TestCase("amqp://u:hunter2@h:-1/")]
    public void Parse_NonNumericPort_ThrowsWithoutPassword(string url) =>
        Assert.That(() => Urls.Parse(url), Throws.ArgumentException
            .With.Message.Contains("Port could not be cast").And.Message.Not.Contains("hunter2"));

    [TestCase("amqp://u:hunter2@h:65536/")]
    [TestCase("amqp://u:hunter2@h:99999999999/")]
    public void Parse_PortOutOfRange_ThrowsWithoutPassword(string url) =>
        Assert.That(() => Urls.Parse(url), Throws.ArgumentException
            .With.Message.Contains("out of range").And.Message.Not.Contains("hunter2"));

    [Test]
    public void Parse_PortZeroAndMax_Accepted() =>
        Assert.That((Urls.Parse("amqp://h:0").Port, Urls.Parse("amqp://h:65535").Port), Is.EqualTo((0, 65535)));

    [TestCase("amqp://u:hunter2@[::1]:5672/")]
    [TestCase("amqp://[fe80::1]/")]
    public void Parse_IPv6Literal_ThrowsNotSupported(string url) =>
        Assert.That(() => Urls.Parse(url), Throws.ArgumentException
            .With.Message.Contains("IPv6").And.Message.Not.Contains("hunter2"));

    [TestCase("localhost:5672")]
    [TestCase("://host")]
    [TestCase("1amqp://host")]
    [TestCase("am qp://host")]
    public void Parse_MissingOrInvalidScheme_ThrowsArgumentException(string url) =>
        Assert.That(() => Urls.Parse(url), Throws.ArgumentException);

    [TestCase("amqp://h", true)]
    [TestCase("sqla+sqlite:///x.db", true)]
    [TestCase("localhost", false)]
    [TestCase(null, false)]
    public void IsUrl_Value_TrueOnlyWithSchemeSeparator(string? value, bool expected) =>
        Assert.That(Urls.IsUrl(value), Is.EqualTo(expected));

    [Test]
    public void SplitFailover_SemicolonList_TrimsAndDropsEmpties() =>
        Assert.That(Urls.SplitFailover(" redis://a:6379/0 ;; redis://b:6380/1;"),
            Is.EqualTo(new[] { "redis://a:6379/0", "redis://b:6380/1" }));

    [Test]
    public void SplitFailover_SingleUrl_ReturnsIt() =>
        Assert.That(Urls.SplitFailover("amqp://h"), Is.EqualTo(new[] { "amqp://h" }));

    // AsUrl and MaybeSanitize.
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

using Kombu.Exceptions;

namespace Kombu.Tests.Core;

[Category("Unit")]
public sealed class ConnectionTests
{
    [Test]
    public void Ctor_Url_ParsesFieldsWithPercentDecoding()
    {
        using var conn = new Connection("memory://user%61:%61pass@ho%61st:10000/v%2fhost");

        Assert.That((conn.TransportName, conn.Hostname, conn.Port, conn.UserId, conn.Password, conn.VirtualHost),
            Is.EqualTo(("memory", "hoast", (int?)10000, "usera", "apass", "v/host")));
    }

    [TestCase("memory://host", "/")]
    [TestCase("memory://host/", "/")]
    [TestCase("memory://host//", "/")]
    [TestCase("memory://host//foo", "/foo")]
    [TestCase("memory://host/foo", "foo")]
    public void Ctor_Url_AppliesVirtualHostRule(string url, string expected)
    {
        using var conn = new Connection(url);

        Assert.That(conn.VirtualHost, Is.EqualTo(expected));
    }

    [Test]
    public void Ctor_UrlFields_OverrideKeywordArguments_ButNullFieldsDoNot()
    {
        using var conn = new Connection("memory://h", userId: "kw-user", password: "kw-pass", port: 1234);

        Assert.That((conn.Hostname, conn.UserId, conn.Password, conn.Port), Is.EqualTo(("h", "kw-user", "kw-pass", (int?)1234)));
    }

    [Test]
    public void Ctor_NoUrl_DefaultsToAmqpAndLocalhost()
    {
        var conn = new Connection(transport: "memory");
        var amqp = new Connection(hostname: "broker");

        Assert.That((conn.Hostname, conn.VirtualHost, conn.TransportName), Is.EqualTo(("localhost", "/", "memory")));
        Assert.That(amqp.TransportName, Is.EqualTo("amqp"));
    }

    [Test]
    public void Ctor_QueryOptions_AreApplied()
    {
        using var conn = new Connection("memory://h/?connect_timeout=7&heartbeat=2.5&ssl=1&login_method=AMQPLAIN");

        Assert.That((conn.ConnectTimeout, conn.Heartbeat, conn.Ssl, conn.LoginMethod),
            Is.EqualTo((TimeSpan.FromSeconds(7), (TimeSpan?)TimeSpan.FromSeconds(2.5), true, "AMQPLAIN")));
    }

    [Test]
    public void Ctor_UnknownQueryOption_ThrowsNamingIt_WithoutPassword()
    {
        Assert.That(() => new Connection("memory://u:secret@h/?visibility_timeout=10"),
            Throws.ArgumentException.With.Message.Contains("visibility_timeout").And.Message.Not.Contains("secret"));
    }

    [Test]
    public void Ctor_ConfirmPublishQueryOption_BecomesTransportOption()
    {
        using var conn = new Connection("amqp://guest:guest@127.0.0.1:5672//?confirm_publish=true");

        Assert.That(conn.TransportOptions["confirm_publish"], Is.EqualTo("true"));
    }

    [Test]
    public void Ctor_ConfirmPublishInCodeAndQuery_CodeWins()
    {
        using var conn = new Connection("amqp://127.0.0.1//?confirm_publish=true",
            transportOptions: new Dictionary<string, object?> { ["confirm_publish"] = false });

        Assert.That(conn.TransportOptions["confirm_publish"], Is.EqualTo(false));
    }

    [Test]
    public void Ctor_FailoverList_UsesFirstAndKeepsAlternates()
    {
        using var conn = new Connection("memory://a:1/;memory://b:2/");

        Assert.That(conn.Hostname, Is.EqualTo("a"));
        Assert.That(conn.Alternates, Is.EqualTo(new[] { "memory://a:1/", "memory://b:2/" }));
    }

    [Test]
    public void Ctor_TransportPlusUrl_PassesRemainderAsHostname()
    {
        using var conn = new Connection("memory+foo://bar/baz");

        Assert.That((conn.TransportName, conn.UriPrefix, conn.Hostname), Is.EqualTo(("memory", "memory", "foo://bar/baz")));
    }

    [Test]
    public void Ctor_UnknownTransport_SuggestsClosestAlias()
    {
        Assert.That(() => new Connection("memroy://"), Throws.TypeOf<TransportNotFoundException>()
            .With.Message.EqualTo("No such transport: memroy.  Did you mean memory?"));
    }

    [Test]
    public void Ctor_TransportPackageMissing_NamesPackageToInstall()
    {
        Kombu.Transport.Transports.Register("ktmissing", "Kombu.Transport.Missing.MissingTransport, Kombu.Transport.Missing");

        Assert.That(() => new Connection("ktmissing://localhost"), Throws.TypeOf<TransportNotFoundException>()
            .With.Message.Contains("dotnet add package Kombu.Transport.Missing"));
    }

    [Test]
    public void AsUri_MasksPasswordUnlessAsked()
    {
        using var conn = new Connection("memory://user:secret@host:1234//");

        Assert.That(conn.AsUri(), Is.EqualTo("memory://user:**@host:1234//"));
        Assert.That(conn.AsUri(includePassword: true), Is.EqualTo("memory://user:secret@host:1234//"));
        Assert.That(conn.ToString(), Does.Not.Contain("secret"));
    }

    [Test]
    public void Info_UsesKombuKeysAndDefaults()
    {
        using var conn = new Connection("memory://");
        var info = conn.Info();

        Assert.That(info["hostname"], Is.EqualTo("localhost"));
        Assert.That(info["virtual_host"], Is.EqualTo("/"));
        Assert.That(info["transport"], Is.EqualTo("memory"));
        Assert.That(info["port"], Is.Null);
    }

    [Test]
    public void Clone_CopiesParameters_AndIsNotConnected()
    {
        using var conn = new Connection("memory://u:p@h:5/vh");
        conn.Connect();

        using var clone = conn.Clone();

        Assert.That(clone.AsUri(includePassword: true), Is.EqualTo(conn.AsUri(includePassword: true)));
        Assert.That((conn.Connected, clone.Connected), Is.EqualTo((true, false)));
    }

    [Test]
    public void Clone_FailoverList_KeepsEveryUrlSoFailoverGoesToTheSecond()
    {
        using var conn = new Connection("memory://a:1/;memory://b:2/;memory://c:3/");

        using var clone = conn.Clone();

        Assert.That(clone.Alternates, Is.EqualTo(new[] { "memory://a:1/", "memory://b:2/", "memory://c:3/" }));
    }

    [Test]
    public void Close_ThenUse_ThrowsUntilConnectAgain()
    {
        var conn = new Connection("memory://");
        _ = conn.DefaultChannel;

        conn.Close();

        Assert.That(conn.Connected, Is.False);
        Assert.That(() => conn.DefaultChannel, Throws.TypeOf<KombuConnectionException>());
        conn.Connect();
        Assert.That(conn.DefaultChannel.IsOpen, Is.True);
    }

    [Test]
    public void Ensure_ChannelErrorRetriedThenSucceeds()
    {
        using var conn = new Connection("memory://");
        var attempts = 0;
        var errbacks = 0;

        var result = conn.Ensure(null, () => ++attempts < 3 ? throw new KombuChannelException("boom") : attempts,
            new RetryPolicy { MaxRetries = 5, RetryErrors = [typeof(KombuChannelException)], Errback = (_, _) => errbacks++ })();

        Assert.That((result, attempts), Is.EqualTo((3, 3)));
    }

    [Test]
    public void Ensure_RetryErrorsExhausted_Rethrows()
    {
        using var conn = new Connection("memory://");
        var attempts = 0;

        Assert.That(() => conn.Ensure<int>(null, () => { attempts++; throw new KombuChannelException("always"); },
            new RetryPolicy { MaxRetries = 2, RetryErrors = [typeof(KombuChannelException)] })(), Throws.TypeOf<KombuChannelException>());
        Assert.That(attempts, Is.EqualTo(3));
    }

    [Test]
    public void Ensure_ConnectionErrorsExhausted_RethrowsTheOriginalErrorWithItsStackTrace()
    {
        using var conn = new Connection("memory://");
        var error = new KombuConnectionException("lost");
        var attempts = 0;
        var ensured = conn.Ensure<int>(null, () => { attempts++; return FailWith(error); },
            new RetryPolicy { MaxRetries = 1, IntervalStart = TimeSpan.Zero, IntervalStep = TimeSpan.Zero });

        var raised = Assert.Catch(() => ensured());

        Assert.That(raised, Is.SameAs(error), "the transport's error, not OperationalException");
        Assert.That(raised!.StackTrace, Does.Contain(nameof(FailWith)));
        Assert.That(attempts, Is.EqualTo(2));
    }

    [Test]
    public void Autoretry_PassesDefaultChannelAndReturnsIt()
    {
        using var conn = new Connection("memory://");

        var (result, channel) = conn.Autoretry(ch => ch.IsOpen)();

        Assert.That(result, Is.True);
        Assert.That(channel, Is.SameAs(conn.DefaultChannel));
    }

    private static int FailWith(Exception error) => throw error;
}

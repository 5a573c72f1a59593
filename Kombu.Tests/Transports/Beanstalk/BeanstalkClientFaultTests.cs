using Kombu.Exceptions;
using Kombu.Transport.Beanstalk;

namespace Kombu.Tests.Transports.Beanstalk;

/// <summary>The protocol client against a fake server that sends error, malformed or cut-off replies.</summary>
public sealed class BeanstalkClientFaultTests
{
    private static void Run(string reply, Action<BeanstalkClient> command, bool close = false)
    {
        using var server = new FakeBeanstalkServer(reply, close);
        using var client = BeanstalkClient.Connect("127.0.0.1", server.Port);
        command(client);
    }

    [TestCase("OUT_OF_MEMORY\r\n")]
    [TestCase("INTERNAL_ERROR\r\n")]
    [TestCase("BAD_FORMAT\r\n")]
    [TestCase("UNKNOWN_COMMAND\r\n")]
    [TestCase("JOB_TOO_BIG\r\n")]
    [TestCase("DRAINING\r\n")]
    [TestCase("EXPECTED_CRLF\r\n")]
    public void Put_ErrorReply_ThrowsCommandExceptionWithStatus(string reply)
    {
        Run(reply, client =>
        {
            var error = Assert.Throws<BeanstalkCommandException>(() => client.Put("x"u8.ToArray()))!;
            Assert.That(error.Status, Is.EqualTo(reply.TrimEnd()));
            Assert.That(client.IsConnected, Is.True);
        });
    }

    [Test]
    public void Delete_NotFound_ThrowsCommandException() =>
        Run("NOT_FOUND\r\n", c => Assert.That(() => c.Delete(1), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("NOT_FOUND")));

    [Test]
    public void Reserve_DeadlineSoon_ThrowsCommandException() =>
        Run("DEADLINE_SOON\r\n", c => Assert.That(() => c.Reserve(TimeSpan.Zero), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("DEADLINE_SOON")));

    [Test]
    public void Reserve_TimedOut_ReturnsNull() => Run("TIMED_OUT\r\n", c => Assert.That(c.Reserve(TimeSpan.Zero), Is.Null));

    [Test]
    public void Ignore_NotIgnored_ThrowsCommandException() =>
        Run("NOT_IGNORED\r\n", c => Assert.That(() => c.Ignore("default"), Throws.TypeOf<BeanstalkCommandException>()));

    [Test]
    public void Put_BuriedReply_ThrowsCommandException() =>
        Run("BURIED 7\r\n", c => Assert.That(() => c.Put("x"u8.ToArray()), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("BURIED")));

    [TestCase("WHAT\r\n")]
    [TestCase("INSERTED abc\r\n")]
    [TestCase("INSERTED\r\n")]
    [TestCase("INSERTED 1\n")]
    [TestCase("INSERTED  1\r\n")]
    public void Put_MalformedReply_ThrowsProtocolExceptionAndCloses(string reply)
    {
        Run(reply, client =>
        {
            Assert.That(() => client.Put("x"u8.ToArray()), Throws.TypeOf<BeanstalkProtocolException>().With.Message.Contains("Malformed"));
            Assert.That(client.IsConnected, Is.False);
            Assert.That(() => client.Put("x"u8.ToArray()), Throws.InstanceOf<KombuConnectionException>());
        });
    }

    [TestCase("RESERVED 1 5\r\nhelloXX")]
    [TestCase("RESERVED 1 -5\r\nhello\r\n")]
    [TestCase("RESERVED x 5\r\nhello\r\n")]
    public void Reserve_MalformedReply_ThrowsProtocolException(string reply) =>
        Run(reply, c => Assert.That(() => c.Reserve(TimeSpan.Zero), Throws.TypeOf<BeanstalkProtocolException>()));

    [Test]
    public void StatsTube_DataNotYaml_ThrowsProtocolException() =>
        Run("OK 5\r\nhello\r\n", c => Assert.That(() => c.StatsTube("t"), Throws.TypeOf<BeanstalkProtocolException>()));

    [Test]
    public void ReadLine_TooLong_ThrowsProtocolException() =>
        Run(new string('A', 5000), c => Assert.That(() => c.ListTubes(), Throws.TypeOf<BeanstalkProtocolException>()));

    [TestCase("")]
    [TestCase("RESERVED 1 5\r\nhel")]
    [TestCase("INSERT")]
    public void Command_ServerClosesMidReply_ThrowsConnectionException(string partial)
    {
        Run(partial, client =>
        {
            var error = Assert.Throws<BeanstalkConnectionException>(() => client.Reserve(TimeSpan.Zero))!;
            Assert.That(error, Is.InstanceOf<KombuConnectionException>());
            Assert.That(error.Message, Does.Contain("lost during 'reserve-with-timeout'"));
            Assert.That(client.IsConnected, Is.False);
        }, close: true);
    }

    [Test]
    public void Connect_NothingListening_ThrowsConnectionException()
    {
        int port;
        using (var server = new FakeBeanstalkServer(""))
            port = server.Port;
        Assert.That(() => BeanstalkClient.Connect("127.0.0.1", port), Throws.TypeOf<BeanstalkConnectionException>().With.Message.Contains("Cannot connect"));
    }

    [Test]
    public void Use_NameWithSpace_ThrowsArgumentException() =>
        Run("", c => Assert.That(() => c.Use("a b"), Throws.ArgumentException));
}

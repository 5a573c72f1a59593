using Kombu.Exceptions;
using Kombu.Transport.Beanstalk;

namespace Kombu.Tests.Transports.Beanstalk;

/// <summary>The protocol client against a fake server that sends error, malformed or cut-off replies.</summary>
[Category("Unit")]
public sealed class BeanstalkClientFaultTests
{
    private static async Task Run(string reply, Func<BeanstalkClient, Task> command, bool close = false)
    {
        using var server = new FakeBeanstalkServer(reply, close);
        using var client = await BeanstalkClient.ConnectAsync("127.0.0.1", server.Port);
        await command(client);
    }

    [TestCase("OUT_OF_MEMORY\r\n")]
    [TestCase("INTERNAL_ERROR\r\n")]
    [TestCase("BAD_FORMAT\r\n")]
    [TestCase("UNKNOWN_COMMAND\r\n")]
    [TestCase("JOB_TOO_BIG\r\n")]
    [TestCase("DRAINING\r\n")]
    [TestCase("EXPECTED_CRLF\r\n")]
    public async Task Put_ErrorReply_ThrowsCommandExceptionWithStatus(string reply)
    {
        await Run(reply, async client =>
        {
            var error = (await Assert.ThrowsAsync<BeanstalkCommandException>(async () => await client.PutAsync("x"u8.ToArray())))!;
            Assert.That(error.Status, Is.EqualTo(reply.TrimEnd()));
            Assert.That(client.IsConnected, Is.True);
        });
    }

    [Test]
    public Task Delete_NotFound_ThrowsCommandException() =>
        Run("NOT_FOUND\r\n", async c => await Assert.ThatAsync(async () => await c.DeleteAsync(1), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("NOT_FOUND")));

    [Test]
    public Task Reserve_DeadlineSoon_ThrowsCommandException() =>
        Run("DEADLINE_SOON\r\n", async c => await Assert.ThatAsync(async () => await c.ReserveAsync(TimeSpan.Zero), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("DEADLINE_SOON")));

    [Test]
    public Task Reserve_TimedOut_ReturnsNull() => Run("TIMED_OUT\r\n", async c => Assert.That(await c.ReserveAsync(TimeSpan.Zero), Is.Null));

    [Test]
    public Task Ignore_NotIgnored_ThrowsCommandException() =>
        Run("NOT_IGNORED\r\n", async c => await Assert.ThatAsync(async () => await c.IgnoreAsync("default"), Throws.TypeOf<BeanstalkCommandException>()));

    [Test]
    public Task Put_BuriedReply_ThrowsCommandException() =>
        Run("BURIED 7\r\n", async c => await Assert.ThatAsync(async () => await c.PutAsync("x"u8.ToArray()), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("BURIED")));

    [TestCase("WHAT\r\n")]
    [TestCase("INSERTED abc\r\n")]
    [TestCase("INSERTED\r\n")]
    [TestCase("INSERTED 1\n")]
    [TestCase("INSERTED  1\r\n")]
    public async Task Put_MalformedReply_ThrowsProtocolExceptionAndCloses(string reply)
    {
        await Run(reply, async client =>
        {
            await Assert.ThatAsync(async () => await client.PutAsync("x"u8.ToArray()), Throws.TypeOf<BeanstalkProtocolException>().With.Message.Contains("Malformed"));
            Assert.That(client.IsConnected, Is.False);
            await Assert.ThatAsync(async () => await client.PutAsync("x"u8.ToArray()), Throws.InstanceOf<KombuConnectionException>());
        });
    }

    [TestCase("RESERVED 1 5\r\nhelloXX")]
    [TestCase("RESERVED 1 -5\r\nhello\r\n")]
    [TestCase("RESERVED x 5\r\nhello\r\n")]
    public Task Reserve_MalformedReply_ThrowsProtocolException(string reply) =>
        Run(reply, async c => await Assert.ThatAsync(async () => await c.ReserveAsync(TimeSpan.Zero), Throws.TypeOf<BeanstalkProtocolException>()));

    [Test]
    public Task StatsTube_DataNotYaml_ThrowsProtocolException() =>
        Run("OK 5\r\nhello\r\n", async c => await Assert.ThatAsync(async () => await c.StatsTubeAsync("t"), Throws.TypeOf<BeanstalkProtocolException>()));

    [Test]
    public Task ReadLine_TooLong_ThrowsProtocolException() =>
        Run(new string('A', 5000), async c => await Assert.ThatAsync(async () => await c.ListTubesAsync(), Throws.TypeOf<BeanstalkProtocolException>()));

    [TestCase("")]
    [TestCase("RESERVED 1 5\r\nhel")]
    [TestCase("INSERT")]
    public async Task Command_ServerClosesMidReply_ThrowsConnectionException(string partial)
    {
        await Run(partial, async client =>
        {
            var error = (await Assert.ThrowsAsync<BeanstalkConnectionException>(async () => await client.ReserveAsync(TimeSpan.Zero)))!;
            Assert.That(error, Is.InstanceOf<KombuConnectionException>());
            Assert.That(error.Message, Does.Contain("lost during 'reserve-with-timeout'"));
            Assert.That(client.IsConnected, Is.False);
        }, close: true);
    }

    [Test]
    public async Task Connect_NothingListening_ThrowsConnectionException()
    {
        int port;
        using (var server = new FakeBeanstalkServer(""))
            port = server.Port;
        await Assert.ThatAsync(async () => await BeanstalkClient.ConnectAsync("127.0.0.1", port), Throws.TypeOf<BeanstalkConnectionException>().With.Message.Contains("Cannot connect"));
    }

    [Test]
    public Task Use_NameWithSpace_ThrowsArgumentException() =>
        Run("", async c => await Assert.ThatAsync(async () => await c.UseAsync("a b"), Throws.ArgumentException));
}

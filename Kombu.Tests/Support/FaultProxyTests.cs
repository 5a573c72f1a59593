using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Kombu.Tests.Support;

[TestFixture]
[Category("Unit")]
public sealed class FaultProxyTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Forward_Echo_BytesComeBack()
    {
        using var echo = new EchoListener();
        await using var proxy = FaultProxy.Start("127.0.0.1", echo.Port);
        using var client = await ConnectAsync(proxy);

        await client.SendAsync(Encoding.ASCII.GetBytes("hello"), SocketFlags.None);

        Assert.That(await ReceiveTextAsync(client, 5, Deadline), Is.EqualTo("hello"));
        Assert.That(proxy.LiveConnections, Is.EqualTo(1));
    }

    [Test]
    public async Task Stall_DataSent_NothingForwardedUntilResume()
    {
        using var echo = new EchoListener();
        await using var proxy = FaultProxy.Start("127.0.0.1", echo.Port);
        using var client = await ConnectAsync(proxy);
        await client.SendAsync(Encoding.ASCII.GetBytes("a"), SocketFlags.None);
        Assert.That(await ReceiveTextAsync(client, 1, Deadline), Is.EqualTo("a"));

        proxy.Stall();
        await client.SendAsync(Encoding.ASCII.GetBytes("bc"), SocketFlags.None);
        var whileStalled = await ReceiveTextAsync(client, 2, TimeSpan.FromMilliseconds(500));
        proxy.Resume();

        Assert.That(whileStalled, Is.Empty);
        Assert.That(await ReceiveTextAsync(client, 2, Deadline), Is.EqualTo("bc"));
    }

    [Test]
    public async Task Reset_LiveConnection_ClientGetsConnectionReset()
    {
        using var echo = new EchoListener();
        await using var proxy = FaultProxy.Start("127.0.0.1", echo.Port);
        using var client = await ConnectAsync(proxy);
        await client.SendAsync(Encoding.ASCII.GetBytes("x"), SocketFlags.None);
        await ReceiveTextAsync(client, 1, Deadline);

        proxy.Reset();

        var error = await Assert.ThrowsAsync<SocketException>(async () => await ReceiveTextAsync(client, 1, Deadline));
        Assert.That(error!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionReset));
        await WaitForAsync(() => proxy.LiveConnections == 0);
    }

    [Test]
    public async Task RefuseNew_NewConnection_ResetAtOnceUntilAcceptedAgain()
    {
        using var echo = new EchoListener();
        await using var proxy = FaultProxy.Start("127.0.0.1", echo.Port);

        proxy.RefuseNew(true);
        var error = await Assert.ThrowsAsync<SocketException>(() => ConnectAndReceiveAsync(proxy));
        proxy.RefuseNew(false);
        using var accepted = await ConnectAsync(proxy);
        await accepted.SendAsync(Encoding.ASCII.GetBytes("ok"), SocketFlags.None);

        Assert.That(error!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionReset));
        Assert.That(await ReceiveTextAsync(accepted, 2, Deadline), Is.EqualTo("ok"));
        Assert.That(proxy.AcceptedConnections, Is.EqualTo(2));
    }

    [Test]
    public async Task Throttle_TenKilobytesAtTwentyPerSecond_TakesAboutHalfASecond()
    {
        using var echo = new EchoListener();
        await using var proxy = FaultProxy.Start("127.0.0.1", echo.Port);
        using var client = await ConnectAsync(proxy);
        proxy.Throttle(20_000);
        var payload = new byte[10_000];
        var clock = Stopwatch.StartNew();

        await client.SendAsync(payload, SocketFlags.None);
        var received = await ReceiveTextAsync(client, payload.Length, Deadline);

        // Unthrottled this takes a millisecond; the first chunk may pass before the pacing starts.
        Assert.That(received, Has.Length.EqualTo(payload.Length));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.3)));
    }

    [Test]
    public async Task CutNextChunk_TargetSendsTenBytes_ClientGetsThreeThenEndOfStream()
    {
        using var echo = new EchoListener();
        await using var proxy = FaultProxy.Start("127.0.0.1", echo.Port);
        using var client = await ConnectAsync(proxy);
        await client.SendAsync(Encoding.ASCII.GetBytes("x"), SocketFlags.None);
        await ReceiveTextAsync(client, 1, Deadline);

        proxy.CutNextChunk();
        await client.SendAsync(Encoding.ASCII.GetBytes("0123456789"), SocketFlags.None);

        // ReceiveTextAsync stops early at the end of the stream; a reset would throw instead.
        Assert.That(await ReceiveTextAsync(client, 10, Deadline), Is.EqualTo("012"));
        await WaitForAsync(() => proxy.LiveConnections == 0);
    }

    [Test]
    public async Task Start_TargetDown_ClientGetsConnectionReset()
    {
        int closedPort;
        using (var echo = new EchoListener())
            closedPort = echo.Port;
        await using var proxy = FaultProxy.Start("127.0.0.1", closedPort);

        var error = await Assert.ThrowsAsync<SocketException>(() => ConnectAndReceiveAsync(proxy));

        Assert.That(error!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionReset));
    }

    [Test]
    public async Task Dispose_LiveConnection_ClientSeesEndOfStream()
    {
        using var echo = new EchoListener();
        var proxy = FaultProxy.Start("127.0.0.1", echo.Port);
        using var client = await ConnectAsync(proxy);
        await client.SendAsync(Encoding.ASCII.GetBytes("x"), SocketFlags.None);
        await ReceiveTextAsync(client, 1, Deadline);

        await proxy.DisposeAsync();

        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(Deadline);
        Assert.That(await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token), Is.Zero);
    }

    private static async Task<Socket> ConnectAsync(FaultProxy proxy)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", proxy.Port);
        return socket;
    }

    /// <summary>Connects and reads one byte; a reset shows either in the connect (when it came first) or in the read.</summary>
    private static async Task ConnectAndReceiveAsync(FaultProxy proxy)
    {
        using var socket = await ConnectAsync(proxy);
        await ReceiveTextAsync(socket, 1, Deadline);
    }

    /// <summary>Reads until <paramref name="count"/> bytes came or <paramref name="wait"/> passed, or the peer closed.</summary>
    private static async Task<string> ReceiveTextAsync(Socket socket, int count, TimeSpan wait)
    {
        var buffer = new byte[count];
        var total = 0;
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            while (total < count)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, timeout.Token);
                if (read == 0)
                    break;
                total += read;
            }
        }
        catch (OperationCanceledException)
        {
            // The wait is over: return what came.
        }
        return Encoding.ASCII.GetString(buffer, 0, total);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("condition not met in time");
            await Task.Delay(20);
        }
    }
}

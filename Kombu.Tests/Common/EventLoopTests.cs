using Kombu.Common;

namespace Kombu.Tests.Common;

[Category("Unit")]
public sealed class EventLoopTests
{
    [Test]
    public void Run_IgnoreTimeouts_YieldsEachDrain()
    {
        using var conn = new Connection("memory://");

        var drains = EventLoop.Run(conn, limit: 2, timeout: TimeSpan.FromMilliseconds(10), ignoreTimeouts: true).ToList();

        Assert.That(drains, Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void Run_TimeoutNotIgnored_Throws()
    {
        using var conn = new Connection("memory://");

        Assert.That(() => EventLoop.Run(conn, limit: 1, timeout: TimeSpan.FromMilliseconds(10)).ToList(),
            Throws.TypeOf<TimeoutException>());
    }

    [Test]
    public async Task RunAsync_IgnoreTimeouts_YieldsEachDrain()
    {
        await using var conn = new Connection("memory://");
        var drains = new List<int>();

        await foreach (var i in EventLoop.RunAsync(conn, limit: 3, timeout: TimeSpan.FromMilliseconds(10), ignoreTimeouts: true))
            drains.Add(i);

        Assert.That(drains, Is.EqualTo(new[] { 0, 1, 2 }));
    }
}

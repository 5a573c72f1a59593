using Kombu.Pools;

namespace Kombu.Tests.Pools;

[Category("Unit")]
public sealed class ConnectionPoolClosedTests
{
    [Test]
    public void Acquire_AfterUserClosedPooledConnection_HandsOutUsableConnection()
    {
        using var source = new Connection("memory://");
        var pool = source.CreatePool(limit: 1);
        var first = pool.Acquire();
        first.Close();
        first.Release();

        var again = pool.Acquire();

        Assert.That(again, Is.SameAs(first));
        Assert.That(again.IsClosed, Is.False);
        Assert.That(again.DefaultChannel.IsOpen, Is.True);
        again.Release();
    }
}

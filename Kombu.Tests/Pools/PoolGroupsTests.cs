using Kombu.Pools;

namespace Kombu.Tests.Pools;

[NonParallelizable]
[Category("Unit")]
public sealed class PoolGroupsTests
{
    [TearDown]
    public void RestoreGlobalPools()
    {
        PoolGroups.Reset();
        PoolGroups.SetLimit(PoolGroups.DefaultLimit, force: true);
    }

    [Test]
    public void Connections_EqualParameters_ReturnSamePool()
    {
        using var a = new Connection("memory://");
        using var b = new Connection("memory://");

        Assert.That(PoolGroups.Connections[a], Is.SameAs(PoolGroups.Connections[b]));
    }

    [Test]
    public void Connections_DifferentParameters_ReturnDifferentPools()
    {
        using var a = new Connection("memory://");
        using var b = new Connection("memory://", transportOptions: new Dictionary<string, object?> { ["polling_interval"] = 2 });

        Assert.That(PoolGroups.Connections[a], Is.Not.SameAs(PoolGroups.Connections[b]));
    }

    [Test]
    public void GetLimit_Default_IsKombu5Limit()
    {
        Assert.That(PoolGroups.GetLimit(), Is.EqualTo(10));
    }

    [Test]
    public void Connections_UseDefaultLimit_PoolGetsGlobalLimit()
    {
        using var connection = new Connection("memory://");

        Assert.That(PoolGroups.Connections[connection].Limit, Is.EqualTo(PoolGroups.GetLimit()));
    }

    [Test]
    public void Producers_EqualParameters_ShareGlobalConnectionPool()
    {
        using var connection = new Connection("memory://");

        var producers = PoolGroups.Producers[connection];

        Assert.That(producers.Connections, Is.SameAs(PoolGroups.Connections[new Connection("memory://")]));
    }

    [Test]
    public void SetLimit_Grow_ResizesExistingPools()
    {
        using var connection = new Connection("memory://");
        var pool = PoolGroups.Connections[connection];

        PoolGroups.SetLimit(20);

        Assert.Multiple(() =>
        {
            Assert.That(PoolGroups.GetLimit(), Is.EqualTo(20));
            Assert.That(pool.Limit, Is.EqualTo(20));
        });
    }

    [Test]
    public void SetLimit_ShrinkWhilePoolInUse_ThrowsInvalidOperation()
    {
        using var connection = new Connection("memory://");
        using var held = PoolGroups.Connections[connection].Acquire();

        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => PoolGroups.SetLimit(5));
            Assert.That(PoolGroups.GetLimit(), Is.EqualTo(10));
        });
    }

    [Test]
    public void SetLimit_ShrinkWithForce_ClosesPoolsInUse()
    {
        using var connection = new Connection("memory://");
        var held = PoolGroups.Connections[connection].Acquire().Connect();

        PoolGroups.SetLimit(5, force: true);

        Assert.Multiple(() =>
        {
            Assert.That(PoolGroups.GetLimit(), Is.EqualTo(5));
            Assert.That(held.Connected, Is.False);
        });
    }

    [Test]
    public void SetLimit_ResetAfter_EmptiesGroups()
    {
        using var connection = new Connection("memory://");
        _ = PoolGroups.Connections[connection];

        PoolGroups.SetLimit(11, resetAfter: true);

        Assert.That(PoolGroups.Connections.Count, Is.Zero);
    }

    [Test]
    public void Reset_AfterUse_GivesNewPoolAndClosesOldConnections()
    {
        using var connection = new Connection("memory://");
        var before = PoolGroups.Connections[connection];
        var held = before.Acquire().Connect();

        PoolGroups.Reset();

        Assert.Multiple(() =>
        {
            Assert.That(PoolGroups.Connections[connection], Is.Not.SameAs(before));
            Assert.That(held.Connected, Is.False);
        });
    }

    [Test]
    public void RegisterGroup_CustomGroup_IsResizedBySetLimit()
    {
        var group = PoolGroups.RegisterGroup(new Connections(limit: PoolGroups.UseDefaultLimit));
        using var connection = new Connection("memory://");
        var pool = group[connection];

        PoolGroups.SetLimit(15);

        Assert.That(pool.Limit, Is.EqualTo(15));
    }

    [Test]
    public void Connections_CustomLimit_PoolUsesIt()
    {
        var group = new Connections(limit: 3);
        using var connection = new Connection("memory://");

        Assert.That(group[connection].Limit, Is.EqualTo(3));
    }
}

using Kombu.Utils;

namespace Kombu.Tests.Utils;

[Category("Unit")]
internal sealed class TokenBucketTests
{
    [Test]
    public void CanConsume_NewBucket_StartsFull()
    {
        var bucket = new TokenBucket(1, 3, new FakeTimeProvider());
        Assert.That(new[] { bucket.CanConsume(), bucket.CanConsume(), bucket.CanConsume(), bucket.CanConsume() },
            Is.EqualTo(new[] { true, true, true, false }));
    }

    [Test]
    public void CanConsume_AfterTimePasses_Refills()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(2, 1, clock);
        bucket.CanConsume();
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That(bucket.CanConsume(), Is.True);
    }

    [Test]
    public void CanConsume_BeforeEnoughTime_ReturnsFalse()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(1, 1, clock);
        bucket.CanConsume();
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That(bucket.CanConsume(), Is.False);
    }

    [Test]
    public void CanConsume_LongIdle_RefillsOnlyToCapacity()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(1, 2, clock);
        bucket.CanConsume(2);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.That((bucket.CanConsume(2), bucket.CanConsume(0.5)), Is.EqualTo((true, false)));
    }

    [Test]
    public void CanConsume_IdleWhileFull_DoesNotAddBurstAfterConsuming()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(1, 1, clock);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That((bucket.CanConsume(), bucket.CanConsume()), Is.EqualTo((true, false)));
    }

    [Test]
    public void ExpectedTime_TokensAvailable_ReturnsZero() =>
        Assert.That(new TokenBucket(1, 1, new FakeTimeProvider()).ExpectedTime(), Is.EqualTo(TimeSpan.Zero));

    [Test]
    public void ExpectedTime_TokensMissing_ReturnsMissingOverRate()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(4, 2, clock);
        bucket.CanConsume(2);
        clock.Advance(TimeSpan.FromSeconds(0.25));
        Assert.That(bucket.ExpectedTime(2).TotalSeconds, Is.EqualTo(0.25).Within(1e-9));
    }

    [Test]
    public void ExpectedTime_ZeroFillRate_ReturnsMaxValue()
    {
        var bucket = new TokenBucket(0, 1, new FakeTimeProvider());
        bucket.CanConsume();
        Assert.That(bucket.ExpectedTime(), Is.EqualTo(TimeSpan.MaxValue));
    }

    [Test]
    public void ExpectedTime_Called_DoesNotConsume()
    {
        var bucket = new TokenBucket(1, 1, new FakeTimeProvider());
        bucket.ExpectedTime();
        Assert.That(bucket.CanConsume(), Is.True);
    }

    [Test]
    public void Pop_AfterAdds_ReturnsItemsInFifoOrder()
    {
        var bucket = new TokenBucket(1);
        bucket.Add("a");
        bucket.Add("b");
        Assert.That(new[] { bucket.Pop(), bucket.Pop() }, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Pop_Empty_ThrowsInvalidOperation() =>
        Assert.That(() => new TokenBucket(1).Pop(), Throws.InvalidOperationException);

    [Test]
    public void ClearPending_WithItems_EmptiesQueue()
    {
        var bucket = new TokenBucket(1);
        bucket.Add(1);
        bucket.ClearPending();
        Assert.That(() => bucket.Pop(), Throws.InvalidOperationException);
    }

    [TestCase(-1, 1)]
    [TestCase(1, -1)]
    [TestCase(double.NaN, 1)]
    public void Constructor_InvalidArguments_ThrowsArgumentOutOfRange(double fillRate, double capacity) =>
        Assert.That(() => new TokenBucket(fillRate, capacity), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Properties_AfterConstruction_ReturnArguments()
    {
        var bucket = new TokenBucket(2.5, 10);
        Assert.That((bucket.FillRate, bucket.Capacity), Is.EqualTo((2.5, 10.0)));
    }

    [Test]
    public void CanConsume_ManyThreads_NeverOverConsumes()
    {
        var bucket = new TokenBucket(0, 100, new FakeTimeProvider());
        var granted = 0;
        Parallel.For(0, 1000, _ =>
        {
            if (bucket.CanConsume())
                Interlocked.Increment(ref granted);
        });
        Assert.That(granted, Is.EqualTo(100));
    }
}

using Kombu.Exceptions;

namespace Kombu.Tests.Pools;

[Category("Unit")]
public sealed class ResourceTests
{
    [Test]
    public void Acquire_UnderLimit_CreatesNewResources()
    {
        var pool = new FakePool(limit: 2);

        var a = pool.Acquire();
        var b = pool.Acquire();

        Assert.Multiple(() =>
        {
            Assert.That(a, Is.Not.SameAs(b));
            Assert.That(pool.Created, Is.EqualTo(2));
            Assert.That(pool.InUseCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Acquire_AfterRelease_ReusesReleasedResource()
    {
        var pool = new FakePool(limit: 2);
        var first = pool.Acquire();
        pool.Release(first);

        var again = pool.Acquire();

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(first));
            Assert.That(again.Closed, Is.False);
            Assert.That(pool.Created, Is.EqualTo(1));
        });
    }

    [Test]
    public void Acquire_AfterSeveralReleases_ReturnsLastReleasedFirst()
    {
        var pool = new FakePool(limit: 3);
        var a = pool.Acquire();
        var b = pool.Acquire();
        var c = pool.Acquire();
        pool.Release(b);
        pool.Release(a);
        pool.Release(c);

        var order = new[] { pool.Acquire(), pool.Acquire(), pool.Acquire() };

        Assert.That(order, Is.EqualTo(new[] { c, a, b }));
    }

    [Test]
    public void Acquire_NonBlockingWhenExhausted_ThrowsLimitExceeded()
    {
        var pool = new FakePool(limit: 1);
        pool.Acquire();

        Assert.Throws<LimitExceededException>(() => pool.Acquire(block: false));
    }

    [Test]
    public void Acquire_BlockingWaitTimesOut_ThrowsLimitExceeded()
    {
        var pool = new FakePool(limit: 1);
        pool.Acquire();

        Assert.Throws<LimitExceededException>(() => pool.Acquire(block: true, timeout: TimeSpan.FromMilliseconds(20)));
    }

    [TestCase(0.00001, "10 µs")]
    [TestCase(0.02, "20 ms")]
    [TestCase(1.25, "1.25 s")]
    public void Acquire_BlockingWaitTimesOut_MessageNamesTheTimeoutInAReadableUnit(double seconds, string expected)
    {
        var pool = new FakePool(limit: 1);
        pool.Acquire();

        var error = Assert.Throws<LimitExceededException>(() => pool.Acquire(block: true, timeout: TimeSpan.FromSeconds(seconds)));

        Assert.That(error!.Message, Does.Contain($"within {expected} "));
    }

    [Test]
    public void Acquire_BlockingTimedOut_DoesNotLeakSlot()
    {
        var pool = new FakePool(limit: 1);
        var held = pool.Acquire();
        Assert.Throws<LimitExceededException>(() => pool.Acquire(block: true, timeout: TimeSpan.FromMilliseconds(1)));
        pool.Release(held);

        Assert.That(pool.Acquire(), Is.SameAs(held));
    }

    [Test]
    public void Acquire_BlockingWaiter_GetsResourceReleasedByAnotherThread()
    {
        var pool = new FakePool(limit: 1);
        var held = pool.Acquire();
        var waiter = Task.Run(() => pool.Acquire(block: true, timeout: TimeSpan.FromSeconds(30)));

        pool.Release(held);

        Assert.That(waiter.Wait(TimeSpan.FromSeconds(30)) ? waiter.Result : null, Is.SameAs(held));
    }

    [Test]
    public async Task AcquireAsync_BlockingWaiter_CompletesWithReleasedResource()
    {
        var pool = new FakePool(limit: 1);
        var held = await pool.AcquireAsync();
        var waiting = pool.AcquireAsync(block: true, timeout: TimeSpan.FromSeconds(30)).AsTask();
        Assert.That(waiting.IsCompleted, Is.False);

        await pool.ReleaseAsync(held);

        Assert.That(await waiting, Is.SameAs(held));
    }

    [Test]
    public async Task AcquireAsync_NonBlockingWhenExhausted_ThrowsLimitExceeded()
    {
        var pool = new FakePool(limit: 1);
        pool.Acquire();

        await Assert.ThrowsAsync<LimitExceededException>(async () => await pool.AcquireAsync());
    }

    [Test]
    public async Task AcquireAsync_Cancelled_ThrowsAndLeavesSlotFree()
    {
        var pool = new FakePool(limit: 1);
        var held = pool.Acquire();
        using var cts = new CancellationTokenSource();
        var waiting = pool.AcquireAsync(block: true, cancellationToken: cts.Token).AsTask();

        await cts.CancelAsync();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
        pool.Release(held);
        Assert.That(pool.Acquire(), Is.SameAs(held));
    }

    [Test]
    public void Ctor_Preload_CreatesResourcesUpFront()
    {
        var pool = new FakePool(limit: 5, preload: 2);

        Assert.Multiple(() =>
        {
            Assert.That(pool.Created, Is.EqualTo(2));
            Assert.That(pool.IdleCount, Is.EqualTo(2));
            Assert.That(pool.Preload, Is.EqualTo(2));
        });
    }

    [Test]
    public void Ctor_PreloadAboveLimit_CapsAtLimit()
    {
        var pool = new FakePool(limit: 2, preload: 9);

        Assert.That(pool.Created, Is.EqualTo(2));
    }

    [TestCase(null)]
    [TestCase(0)]
    public void Acquire_NoLimit_CreatesNewResourceEveryTime(int? limit)
    {
        var pool = new FakePool(limit);
        var a = pool.Acquire();
        pool.Release(a);

        var b = pool.Acquire();

        Assert.Multiple(() =>
        {
            Assert.That(b, Is.Not.SameAs(a));
            Assert.That(pool.Limit, Is.Null);
        });
    }

    [TestCase(null)]
    [TestCase(0)]
    public void Release_NoLimit_ClosesResource(int? limit)
    {
        var pool = new FakePool(limit);
        var a = pool.Acquire();

        pool.Release(a);

        Assert.Multiple(() =>
        {
            Assert.That(a.Closed, Is.True);
            Assert.That(pool.IdleCount, Is.Zero);
        });
    }

    [Test]
    public void Release_Twice_KeepsResourceIdleAndOpen()
    {
        var pool = new FakePool(limit: 2);
        var a = pool.Acquire();
        pool.Release(a);

        pool.Release(a);

        Assert.Multiple(() =>
        {
            Assert.That(a.Closed, Is.False);
            Assert.That(pool.IdleCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void ForceCloseAll_IdleAndInUse_ClosesEveryResource()
    {
        var pool = new FakePool(limit: 3);
        var inUse = pool.Acquire();
        var idle = pool.Acquire();
        pool.Release(idle);

        pool.ForceCloseAll();

        Assert.Multiple(() =>
        {
            Assert.That(inUse.Closed && idle.Closed, Is.True);
            Assert.That(pool.InUseCount + pool.IdleCount, Is.Zero);
        });
    }

    [Test]
    public void Release_AfterForceCloseAll_ClosesResourceAndFreesNoExtraSlot()
    {
        var pool = new FakePool(limit: 1);
        var a = pool.Acquire();
        pool.ForceCloseAll();
        var b = pool.Acquire();

        pool.Release(a);

        Assert.Multiple(() =>
        {
            Assert.That(pool.IdleCount, Is.Zero);
            Assert.Throws<LimitExceededException>(() => pool.Acquire());
            Assert.That(b.Closed, Is.False);
        });
    }

    [Test]
    public void Resize_Grow_AllowsMoreResources()
    {
        var pool = new FakePool(limit: 1);
        pool.Acquire();

        pool.Resize(2);

        Assert.That(() => pool.Acquire(), Throws.Nothing);
    }

    [Test]
    public void Resize_Grow_WakesBlockedWaiter()
    {
        var pool = new FakePool(limit: 1);
        pool.Acquire();
        var waiter = Task.Run(() => pool.Acquire(block: true, timeout: TimeSpan.FromSeconds(30)));

        pool.Resize(2);

        Assert.That(waiter.Wait(TimeSpan.FromSeconds(30)) ? waiter.Result.Id : 0, Is.EqualTo(2));
    }

    [Test]
    public void Resize_ShrinkWhileInUse_ThrowsInvalidOperation()
    {
        var pool = new FakePool(limit: 3);
        pool.Acquire();

        Assert.Throws<InvalidOperationException>(() => pool.Resize(2));
    }

    [Test]
    public void Resize_ShrinkWhileInUseWithForce_ClosesEveryResource()
    {
        var pool = new FakePool(limit: 3);
        var a = pool.Acquire();

        pool.Resize(1, force: true);

        Assert.Multiple(() =>
        {
            Assert.That(a.Closed, Is.True);
            Assert.That(pool.Limit, Is.EqualTo(1));
        });
    }

    [Test]
    public void Resize_ShrinkIdle_ClosesResourcesAboveNewLimit()
    {
        var pool = new FakePool(limit: 3, preload: 3);

        pool.Resize(1);

        Assert.That(pool.IdleCount, Is.EqualTo(1));
    }

    [Test]
    public void Acquire_EightThreadsOnPoolOfThree_NeverExceedsLimitAndReleasesAll()
    {
        var pool = new FakePool(limit: 3);
        var current = 0;
        var max = 0;
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            try
            {
                for (var i = 0; i < 200; i++)
                {
                    var item = pool.Acquire(block: true);
                    var now = Interlocked.Increment(ref current);
                    InterlockedMax(ref max, now);
                    Interlocked.Decrement(ref current);
                    pool.Release(item);
                }
            }
            catch (Exception ex)
            {
                errors.Add(ex);
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        var finished = threads.All(t => t.Join(TimeSpan.FromMinutes(2)));

        Assert.Multiple(() =>
        {
            Assert.That(finished, Is.True, "deadlock guard");
            Assert.That(errors, Is.Empty);
            Assert.That(max, Is.LessThanOrEqualTo(3));
            Assert.That(pool.InUseCount, Is.Zero);
            Assert.That(pool.Created, Is.LessThanOrEqualTo(3));
        });
    }

    [Test]
    public async Task AcquireAsync_ManyConcurrentTasks_NeverExceedLimit()
    {
        var pool = new FakePool(limit: 2);
        var current = 0;
        var max = 0;

        async Task Worker()
        {
            for (var i = 0; i < 100; i++)
            {
                var item = await pool.AcquireAsync(block: true);
                InterlockedMax(ref max, Interlocked.Increment(ref current));
                await Task.Yield();
                Interlocked.Decrement(ref current);
                await pool.ReleaseAsync(item);
            }
        }

        var all = Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(Worker)));
        await all.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That(max, Is.LessThanOrEqualTo(2));
            Assert.That(pool.InUseCount, Is.Zero);
        });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

using Kombu.Clocks;

namespace Kombu.Tests.Clocks;

[Category("Unit")]
internal sealed class LamportClockTests
{
    [Test]
    public void Value_NewClock_IsInitialValue() =>
        Assert.That((new LamportClock().Value, new LamportClock(42).Value), Is.EqualTo((0L, 42L)));

    [Test]
    public void Forward_Called_IncrementsAndReturnsValue()
    {
        var clock = new LamportClock(5);
        Assert.That((clock.Forward(), clock.Forward(), clock.Value), Is.EqualTo((6L, 7L, 7L)));
    }

    [Test]
    public void Adjust_OtherAhead_JumpsPastOther()
    {
        var clock = new LamportClock(3);
        Assert.That((clock.Adjust(10), clock.Value), Is.EqualTo((11L, 11L)));
    }

    [Test]
    public void Adjust_OtherBehind_IncrementsOwnValue()
    {
        var clock = new LamportClock(10);
        Assert.That(clock.Adjust(3), Is.EqualTo(11L));
    }

    [Test]
    public void ToString_Called_ReturnsValue() =>
        Assert.That(new LamportClock(123).ToString(), Is.EqualTo("123"));

    [Test]
    public void Forward_ConcurrentThreads_GivesUniqueValues()
    {
        var clock = new LamportClock();
        var values = new long[8][];
        Parallel.For(0, values.Length, thread =>
        {
            values[thread] = new long[1000];
            for (var i = 0; i < 1000; i++)
                values[thread][i] = clock.Forward();
        });
        var all = values.SelectMany(v => v).ToList();
        Assert.That(all, Is.Unique);
        Assert.That(clock.Value, Is.EqualTo(8000L));
    }

    [Test]
    public void Adjust_ConcurrentWithForward_NeverLosesAnIncrement()
    {
        var clock = new LamportClock();
        Parallel.For(0, 4000, i =>
        {
            if (i % 2 == 0)
                clock.Forward();
            else
                clock.Adjust(0);
        });
        Assert.That(clock.Value, Is.EqualTo(4000L));
    }
}

using Kombu.Utils;

namespace Kombu.Tests.Utils;

[Category("Unit")]
internal sealed class FunctionalTests
{
    private const double Tolerance = 1e-9;

    private static readonly Type[] Retryable = [typeof(IOException)];

    private static readonly Func<Exception, TimeSpan, TimeSpan?> NoSleep = (_, _) => TimeSpan.Zero;

    [Test]
    public void Fxrange_WithStop_EndsAfterStop() =>
        Assert.That(Functional.Fxrange(1, 3, 1), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));

    [Test]
    public void Fxrange_RepeatLast_RepeatsLastValue() =>
        Assert.That(Functional.Fxrange(1, 3, 1, repeatLast: true).Take(6), Is.EqualTo(new[] { 1.0, 2.0, 3.0, 3.0, 3.0, 3.0 }));

    [TestCase(null)]
    [TestCase(0.0)]
    public void Fxrange_NullOrZeroStop_NeverEnds(double? stop) =>
        Assert.That(Functional.Fxrange(1, stop, 1).Skip(999).First(), Is.EqualTo(1000.0));

    [Test]
    public void RetryIntervals_EnsureConnectionDefaults_CapAt32Seconds()
    {
        var expected = Enumerable.Range(1, 16).Select(i => 2.0 * i).Concat([32.0, 32.0]);
        Assert.That(Seconds(Functional.RetryIntervals(2, 2, 30).Take(18)), Is.EqualTo(expected).Within(Tolerance));
    }

    [Test]
    public void RetryIntervals_EnsureDefaults_OneThenTwoForever() =>
        Assert.That(Seconds(Functional.RetryIntervals(1, 1, 1).Take(4)), Is.EqualTo(new[] { 1.0, 2.0, 2.0, 2.0 }).Within(Tolerance));

    [Test]
    public void RetryIntervals_RpcBackendPolicy_ZeroThenOneForever() =>
        Assert.That(Seconds(Functional.RetryIntervals(0, 1, 1).Take(3)), Is.EqualTo(new[] { 0.0, 1.0, 1.0 }).Within(Tolerance));

    [Test]
    public void RetryIntervals_PublishPolicy_StepsOfPointTwoUpToOne() =>
        Assert.That(Seconds(Functional.RetryIntervals(0, 0.2, 1).Take(8)),
            Is.EqualTo(new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.0, 1.0 }).Within(1e-6));

    private static IEnumerable<double> Seconds(IEnumerable<TimeSpan> intervals) => intervals.Select(i => i.TotalSeconds);

    // RetryOverTime and RetryOverTimeAsync.
    [TestCase(0, 1)]
    [TestCase(1, 2)]
    [TestCase(2, 3)]
    public void RetryOverTime_MaxRetries_MakesMaxRetriesPlusOneAttempts(int maxRetries, int attempts)
    {
        var calls = 0;
        Assert.That(() => Functional.RetryOverTime<int>(() => { calls++; throw new IOException(); }, Retryable,
            maxRetries, NoSleep), Throws.TypeOf<IOException>());
        Assert.That(calls, Is.EqualTo(attempts));
    }

    [Test]
    public void RetryOverTime_NullMaxRetries_RetriesUntilSuccess()
    {
        var calls = 0;
        var result = Functional.RetryOverTime(() => ++calls < 25 ? throw new IOException() : "done", Retryable, errback: NoSleep);
        Assert.That((result, calls), Is.EqualTo(("done", 25)));
    }

    [Test]
    public void RetryOverTime_Rethrow_PreservesOriginalException()
    {
        var original = new IOException("boom");
        var thrown = Assert.Throws<IOException>(() => Functional.RetryOverTime<int>(() => throw original, Retryable, 0));
        Assert.That(thrown, Is.SameAs(original));
    }

    [Test]
    public void RetryOverTime_Errback_ReceivesErrorAndIntervalSequence()
    {
        var seen = new List<(Exception Error, TimeSpan Interval)>();
        Assert.That(() => Functional.RetryOverTime<int>(() => throw new IOException(), Retryable, 5,
            (error, interval) => { seen.Add((error, interval)); return TimeSpan.Zero; }), Throws.TypeOf<IOException>());
        Assert.That(seen.Select(s => s.Interval.TotalSeconds), Is.EqualTo(new[] { 2.0, 4, 6, 8, 10 }));
        Assert.That(seen.Select(s => s.Error), Is.All.TypeOf<IOException>());
    }

    [Test]
    public void RetryOverTime_ErrorNotCaught_PropagatesAtOnce()
    {
        var calls = 0;
        Assert.That(() => Functional.RetryOverTime<int>(() => { calls++; throw new InvalidOperationException(); },
            Retryable, 5, NoSleep), Throws.InvalidOperationException);
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public void RetryOverTime_DerivedErrorType_IsCaught()
    {
        var calls = 0;
        var result = Functional.RetryOverTime(() => ++calls == 1 ? throw new FileNotFoundException() : calls, Retryable, 3, NoSleep);
        Assert.That(result, Is.EqualTo(2));
    }

    [Test]
    public void RetryOverTime_DefaultSleeps_SleepsIntervalsInOneSecondTicks()
    {
        var clock = new FakeTimeProvider { AutoAdvance = true };
        var callbacks = 0;
        Assert.That(() => Functional.RetryOverTime<int>(() => throw new IOException(), Retryable, 3,
            intervalStart: 1, intervalStep: 1, intervalMax: 1, callback: () => callbacks++, timeProvider: clock),
            Throws.TypeOf<IOException>());
        Assert.That(clock.Delays, Is.EqualTo(Enumerable.Repeat(TimeSpan.FromSeconds(1), 5)));
        Assert.That(callbacks, Is.EqualTo(3 + 5));
    }

    [Test]
    public void RetryOverTime_FractionalSleep_SleepsRemainderWithoutCallback()
    {
        var clock = new FakeTimeProvider { AutoAdvance = true };
        var callbacks = 0;
        Assert.That(() => Functional.RetryOverTime<int>(() => throw new IOException(), Retryable, 1,
            (_, _) => TimeSpan.FromSeconds(2.5), callback: () => callbacks++, timeProvider: clock),
            Throws.TypeOf<IOException>());
        Assert.That(clock.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5) }));
        Assert.That(callbacks, Is.EqualTo(1 + 2));
    }

    [Test]
    public void RetryOverTime_TimeoutPassed_Rethrows()
    {
        var clock = new FakeTimeProvider { AutoAdvance = true };
        var calls = 0;
        Assert.That(() => Functional.RetryOverTime<int>(() => { calls++; throw new IOException(); }, Retryable,
            timeout: TimeSpan.FromSeconds(5), timeProvider: clock), Throws.TypeOf<IOException>());
        Assert.That(calls, Is.EqualTo(3)); // fails at t=0, t=2 and t=6, which is past the 5 s deadline.
    }

    [Test]
    public void RetryOverTime_CancelledDuringSleep_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var clock = new FakeTimeProvider();
        var calls = 0;
        Assert.That(() => Functional.RetryOverTime<int>(() => { calls++; throw new IOException(); }, Retryable,
            callback: cancellation.Cancel, timeProvider: clock, cancellationToken: cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public void RetryOverTime_NegativeMaxRetries_ThrowsArgumentOutOfRange() =>
        Assert.That(() => Functional.RetryOverTime(() => 1, Retryable, -1), Throws.TypeOf<ArgumentOutOfRangeException>());

    [TestCase(0, 1)]
    [TestCase(2, 3)]
    public void RetryOverTimeAsync_MaxRetries_MakesMaxRetriesPlusOneAttempts(int maxRetries, int attempts)
    {
        var calls = 0;
        Assert.That(async () => await Functional.RetryOverTimeAsync<int>(_ => { calls++; throw new IOException(); },
            Retryable, maxRetries, NoSleep), Throws.TypeOf<IOException>());
        Assert.That(calls, Is.EqualTo(attempts));
    }

    [Test]
    public async Task RetryOverTimeAsync_FaultedTaskThenSuccess_ReturnsResult()
    {
        var calls = 0;
        var clock = new FakeTimeProvider { AutoAdvance = true };
        var result = await Functional.RetryOverTimeAsync(
            _ => ++calls < 3 ? Task.FromException<int>(new IOException()) : Task.FromResult(calls),
            Retryable, timeProvider: clock);
        Assert.That(result, Is.EqualTo(3));
        Assert.That(clock.Delays, Has.Count.EqualTo(2 + 4));
    }

    [Test]
    public void RetryOverTimeAsync_ErrorNotCaught_PropagatesAtOnce()
    {
        var calls = 0;
        Assert.That(async () => await Functional.RetryOverTimeAsync<int>(_ => { calls++; throw new InvalidOperationException(); },
            Retryable, 5, NoSleep), Throws.InvalidOperationException);
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public void RetryOverTimeAsync_TimeoutPassed_Rethrows()
    {
        var clock = new FakeTimeProvider { AutoAdvance = true };
        var calls = 0;
        Assert.That(async () => await Functional.RetryOverTimeAsync<int>(_ => { calls++; throw new IOException(); }, Retryable,
            timeout: TimeSpan.FromSeconds(5), timeProvider: clock), Throws.TypeOf<IOException>());
        Assert.That(calls, Is.EqualTo(3));
    }

    [Test]
    public async Task RetryOverTimeAsync_CancelledWhileSleeping_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var clock = new FakeTimeProvider();
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var retry = Functional.RetryOverTimeAsync<int>(_ => { failed.TrySetResult(); throw new IOException(); }, Retryable,
            timeProvider: clock, cancellationToken: cancellation.Token);
        await failed.Task;
        await cancellation.CancelAsync();
        Assert.That(async () => await retry, Throws.InstanceOf<OperationCanceledException>());
    }
}

using Kombu.Utils;

namespace Kombu.Tests.Utils;

[Category("Unit")]
internal sealed partial class FunctionalTests
{
    private const double Tolerance = 1e-9;

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
}

using System.Diagnostics;

namespace Kombu.Tests.Support;

/// <summary>Waits on a condition with a deadline, failing the test with what did not happen.</summary>
internal static class Until
{
    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds, or fails after <paramref name="timeout"/>.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="timeout">The deadline.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="state">Describes the state at the deadline, for the failure message.</param>
    public static void True(Func<bool> condition, TimeSpan timeout, string what, Func<string>? state = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                Assert.Fail($"{what} did not happen within {timeout.TotalSeconds} s. {state?.Invoke()}");
            Thread.Sleep(20);
        }
    }
}

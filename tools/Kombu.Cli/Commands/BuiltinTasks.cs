using Kombu.Celery;

namespace Kombu.Cli.Commands;

/// <summary>The tasks <c>kombu celery worker</c> serves: <c>kombu.add</c>, <c>kombu.echo</c>, <c>kombu.fail</c>, <c>kombu.sleep</c>.</summary>
public static class BuiltinTasks
{
    /// <summary>Registers the built-in tasks.</summary>
    /// <param name="worker">The worker.</param>
    /// <returns>The worker.</returns>
    public static CeleryWorker Register(CeleryWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return worker
            .Register("kombu.add", (object x, object y) => Add(x, y))
            .Register("kombu.echo", (object? value) => value)
            .Register("kombu.fail", (string message) => Fail(message))
            .Register("kombu.sleep", async (double seconds, CancellationToken cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
                return (object?)null;
            });
    }

    /// <summary>Python's <c>x + y</c> for numbers, strings and lists.</summary>
    /// <param name="x">The left operand.</param>
    /// <param name="y">The right operand.</param>
    /// <returns>The sum or concatenation.</returns>
    /// <exception cref="ArgumentException">The operands cannot be added (Python's TypeError).</exception>
    public static object Add(object x, object y) => (x, y) switch
    {
        (long a, long b) => a + b,
        (long or double, long or double) => Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture) +
                                            Convert.ToDouble(y, System.Globalization.CultureInfo.InvariantCulture),
        (string a, string b) => a + b,
        (IList<object?> a, IList<object?> b) => a.Concat(b).ToList(),
        _ => throw new ArgumentException($"unsupported operand type(s) for +: '{x.GetType().Name}' and '{y.GetType().Name}'"),
    };

    private static object? Fail(string message) => throw new InvalidOperationException(message);
}

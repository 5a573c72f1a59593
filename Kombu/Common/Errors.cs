namespace Kombu.Common;

/// <summary>Runs code while ignoring the connection and channel errors of a connection's transport.</summary>
/// <remarks>Holds Kombu's <c>kombu.common.ignore_errors</c> (its context-manager form is the overloads taking code).</remarks>
public static class Errors
{
    /// <summary>Runs an action, ignoring the connection's connection and channel errors.</summary>
    /// <param name="connection">The connection whose transport's errors are ignored.</param>
    /// <param name="action">The action.</param>
    public static void IgnoreErrors(Connection connection, Action action)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
        catch (Exception ex) when (connection.IsConnectionOrChannelError(ex))
        {
        }
    }

    /// <summary>Runs a function, ignoring the connection's connection and channel errors.</summary>
    /// <typeparam name="T">The function's result type.</typeparam>
    /// <param name="connection">The connection whose transport's errors are ignored.</param>
    /// <param name="function">The function.</param>
    /// <returns>The function's result, or <see langword="default"/> when an error was ignored (Python's <c>None</c>).</returns>
    public static T? IgnoreErrors<T>(Connection connection, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            return function();
        }
        catch (Exception ex) when (connection.IsConnectionOrChannelError(ex))
        {
            return default;
        }
    }

    /// <inheritdoc cref="IgnoreErrors(Connection, Action)"/>
    /// <param name="connection">The connection whose transport's errors are ignored.</param>
    /// <param name="action">The asynchronous action.</param>
    /// <param name="cancellationToken">Passed to the action.</param>
    public static async ValueTask IgnoreErrorsAsync(Connection connection, Func<CancellationToken, ValueTask> action,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (connection.IsConnectionOrChannelError(ex))
        {
        }
    }
}

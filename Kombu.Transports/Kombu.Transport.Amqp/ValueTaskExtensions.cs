namespace Kombu.Transport.Amqp;

/// <summary>Small helpers over <see cref="ValueTask"/>.</summary>
internal static class ValueTaskExtensions
{
    /// <summary>Drops the result of <paramref name="task"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task.</param>
    /// <returns>A task that completes with it.</returns>
    public static async ValueTask AsVoidAsync<T>(this ValueTask<T> task) => await task.ConfigureAwait(false);
}

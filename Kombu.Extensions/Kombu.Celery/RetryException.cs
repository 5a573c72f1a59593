using Kombu.Exceptions;

namespace Kombu.Celery;

/// <summary>Thrown by a task handler to run the task again later, with its retry count raised by one.</summary>
/// <remarks>Celery's <c>celery.exceptions.Retry</c> (what <c>self.retry()</c> raises).</remarks>
public sealed class RetryException : KombuException
{
    /// <summary>Asks for a retry after <paramref name="countdown"/> (the task's default retry delay when <see langword="null"/>).</summary>
    /// <param name="countdown">How long to wait before the retry.</param>
    /// <param name="cause">The error that caused the retry; raised instead when the retries are exhausted.</param>
    /// <param name="maxRetries">Overrides the task's <see cref="TaskSettings.MaxRetries"/> for this retry.</param>
    public RetryException(TimeSpan? countdown = null, Exception? cause = null, int? maxRetries = null)
        : base(CeleryMessages.Retrying(countdown), cause)
    {
        Countdown = countdown;
        MaxRetries = maxRetries;
    }

    /// <summary>Asks for a retry at a given time.</summary>
    /// <param name="eta">When to run again.</param>
    /// <param name="cause">The error that caused the retry.</param>
    public RetryException(DateTimeOffset eta, Exception? cause = null)
        : base(CeleryMessages.Retrying(null), cause) => Eta = eta;

    /// <summary>The delay before the retry, if given.</summary>
    public TimeSpan? Countdown { get; }

    /// <summary>The time of the retry, if given.</summary>
    public DateTimeOffset? Eta { get; }

    /// <summary>The retry limit for this retry, if given.</summary>
    public int? MaxRetries { get; }
}

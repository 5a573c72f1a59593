using Kombu.Exceptions;

namespace Kombu.Celery.Worker;

/// <summary>A task's arguments do not fit its handler; stored as Python's <c>TypeError</c>.</summary>
internal sealed class TaskArgumentException : KombuException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in Python's words.</param>
    public TaskArgumentException(string message) : base(message) { }
}

using Kombu.Celery.Backends;
using Kombu.Celery.Wire;

namespace Kombu.Celery.Worker;

/// <summary>A task error as Celery stores it: exception type, module, arguments and traceback.</summary>
/// <param name="Type">The exception type name (<c>exc_type</c>).</param>
/// <param name="Module">Its module (<c>exc_module</c>).</param>
/// <param name="Args">Its arguments (<c>exc_message</c>).</param>
/// <param name="Traceback">The traceback text.</param>
internal sealed record RemoteError(string Type, string? Module, IReadOnlyList<object?> Args, string? Traceback)
{
    /// <summary>The error of a .NET exception: its type name, its namespace as module, its message.</summary>
    public static RemoteError From(Exception exception) =>
        new(exception.GetType().Name, exception.GetType().Namespace, [exception.Message], exception.ToString());

    /// <summary>The encoded exception stored as the result.</summary>
    public Dictionary<string, object?> Encode() => ResultMeta.EncodeException(Type, Module, Args);

    /// <summary>What Python's <c>str(exc)</c> shows.</summary>
    public string Message => ResultMeta.Message(Args.ToList());

    /// <summary>The <c>repr</c> of the exception, as events carry it.</summary>
    public string Repr => Args.Count == 1 && Args[0] is string s ? PythonText.ExceptionRepr(Type, s) : Type + PythonText.ArgsRepr([.. Args]);
}

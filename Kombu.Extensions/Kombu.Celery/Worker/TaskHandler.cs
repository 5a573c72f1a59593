using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using Kombu.Celery.Wire;

namespace Kombu.Celery.Worker;

/// <summary>A registered task: its delegate, with parameters bound from the message's args and kwargs by position and name.</summary>
/// <remarks>
/// A parameter of type <see cref="CancellationToken"/> gets the task's token, one of type <see cref="TaskContext"/> the
/// request. The others take the positional arguments in order, then keyword arguments by name (the C# name or its
/// snake_case form), then their default values; values are converted to the parameter types.
/// </remarks>
internal sealed class TaskHandler
{
    private readonly Delegate _function;
    private readonly ParameterInfo[] _parameters;
    private readonly ParameterInfo[] _valueParameters;

    public TaskHandler(string name, Delegate function, TaskSettings settings)
    {
        Name = name;
        _function = function;
        Settings = settings;
        _parameters = function.Method.GetParameters();
        _valueParameters = [.. _parameters.Where(p => p.ParameterType != typeof(CancellationToken) && p.ParameterType != typeof(TaskContext))];
    }

    /// <summary>The task name.</summary>
    public string Name { get; }

    /// <summary>The task's settings.</summary>
    public TaskSettings Settings { get; }

    /// <summary>Binds the request's arguments and runs the delegate, awaiting a returned task.</summary>
    /// <exception cref="TaskArgumentException">The arguments do not fit the parameters.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "VSTHRD103:Call async methods when in an async method",
        Justification = "Task<T>.Result is read by reflection after the task was awaited: it does not block.")]
    public async Task<object?> InvokeAsync(TaskContext request, CancellationToken cancellationToken)
    {
        var arguments = Bind(request, cancellationToken);
        object? returned;
        try
        {
            returned = _function.DynamicInvoke(arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                return ResultOf(task, _function.Method.ReturnType);
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            case not null when _function.Method.ReturnType is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(returned, null)!;
                await asTask.ConfigureAwait(false);
                return asTask.GetType().GetProperty(nameof(Task<int>.Result))!.GetValue(asTask);
            default:
                return returned;
        }
    }

    private static object? ResultOf(Task task, Type declared) =>
        declared.IsGenericType && declared.GetGenericTypeDefinition() == typeof(Task<>)
            ? task.GetType().GetProperty(nameof(Task<int>.Result))!.GetValue(task)
            : null;

    private object?[] Bind(TaskContext request, CancellationToken cancellationToken)
    {
        if (request.Args.Count > _valueParameters.Length)
            throw new TaskArgumentException(CeleryMessages.TooManyArguments(Name, _valueParameters.Length, request.Args.Count));
        var used = new HashSet<string>(StringComparer.Ordinal);
        var values = new object?[_parameters.Length];
        var position = 0;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.ParameterType == typeof(CancellationToken))
            {
                values[i] = cancellationToken;
                continue;
            }
            if (p.ParameterType == typeof(TaskContext))
            {
                values[i] = request;
                continue;
            }
            var name = p.Name ?? "arg" + position;
            object? raw;
            if (position < request.Args.Count)
            {
                raw = request.Args[position];
            }
            else if (FindKeyword(request.Kwargs, name) is { } key)
            {
                used.Add(key);
                raw = request.Kwargs[key];
            }
            else if (p.HasDefaultValue)
            {
                raw = p.DefaultValue;
            }
            else
            {
                throw new TaskArgumentException(CeleryMessages.MissingArgument(Name, SnakeCase(name)));
            }

            position++;
            try
            {
                values[i] = ValueConversion.To(raw, p.ParameterType);
            }
            catch (FormatException ex)
            {
                throw new TaskArgumentException(CeleryMessages.BadArgument(Name, SnakeCase(name), p.ParameterType.Name, ex.Message));
            }
        }
        if (request.Kwargs.Keys.FirstOrDefault(k => !used.Contains(k)) is { } unexpected)
            throw new TaskArgumentException(CeleryMessages.UnexpectedKeyword(Name, unexpected));
        return values;
    }

    private static string? FindKeyword(IReadOnlyDictionary<string, object?> kwargs, string name)
    {
        if (kwargs.ContainsKey(name))
            return name;
        var snake = SnakeCase(name);
        return kwargs.ContainsKey(snake) ? snake : null;
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0)
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}

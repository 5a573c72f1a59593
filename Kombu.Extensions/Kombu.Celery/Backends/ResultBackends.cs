using System.Reflection;
using Kombu.Exceptions;

namespace Kombu.Celery.Backends;

/// <summary>The result backend alias table: URL scheme → backend type, loaded on first use.</summary>
/// <remarks>Celery's <c>celery.app.backends.BACKEND_ALIASES</c>. rpc:// is built in; redis:// lives in <c>Kombu.Celery.Redis</c>.</remarks>
public static class ResultBackends
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> AliasTable = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rpc"] = typeof(RpcBackend).AssemblyQualifiedName!,
        ["redis"] = "Kombu.Celery.Redis.RedisBackend, Kombu.Celery.Redis",
        ["rediss"] = "Kombu.Celery.Redis.RedisBackend, Kombu.Celery.Redis",
    };

    /// <summary>Registers a backend type for a URL scheme.</summary>
    /// <param name="scheme">The scheme, such as <c>mybackend</c>.</param>
    /// <param name="assemblyQualifiedTypeName">A <see cref="ResultBackend"/> subclass with a constructor taking (<see cref="CeleryApp"/>, <see cref="string"/> url).</param>
    public static void Register(string scheme, string assemblyQualifiedTypeName)
    {
        lock (Gate)
            AliasTable[scheme] = assemblyQualifiedTypeName;
    }

    /// <summary>Creates the backend for a URL: <c>rpc://</c>, <c>redis://host:6379/1</c>…; <see langword="null"/> or empty gives a <see cref="DisabledBackend"/>.</summary>
    /// <param name="url">The backend URL.</param>
    /// <param name="app">The app the backend serves.</param>
    /// <returns>The backend.</returns>
    /// <exception cref="KombuException">The scheme is unknown, or its package is not referenced.</exception>
    public static ResultBackend Create(string? url, CeleryApp app)
    {
        if (string.IsNullOrEmpty(url) || url.Equals("disabled", StringComparison.OrdinalIgnoreCase))
            return new DisabledBackend(app);
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? url[..colon] : url;
        string typeName;
        lock (Gate)
        {
            if (!AliasTable.TryGetValue(scheme, out typeName!))
                throw new KombuException(CeleryMessages.UnknownBackend(scheme));
        }
        Type? type;
        try
        {
            type = Type.GetType(typeName, throwOnError: false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            type = null;
        }
        var assembly = typeName[(typeName.IndexOf(',', StringComparison.Ordinal) + 1)..].Trim();
        if (type is null)
            throw new KombuException(CeleryMessages.BackendPackageMissing(scheme, assembly));
        if (!typeof(ResultBackend).IsAssignableFrom(type))
            throw new KombuException(CeleryMessages.NotABackend(type.FullName ?? type.Name));
        try
        {
            return (ResultBackend)Activator.CreateInstance(type, app, url)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}

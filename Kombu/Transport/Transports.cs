using System.Reflection;
using System.Runtime.ExceptionServices;
using Kombu.Exceptions;

namespace Kombu.Transport;

/// <summary>The transport alias table and the lookup from a transport name to its class.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport</c> module (<c>TRANSPORT_ALIASES</c>, <c>get_transport_cls</c>). Each transport other
/// than memory lives in its own package, loaded on first use; a missing package is reported by name.
/// </remarks>
public static class Transports
{
    /// <summary>The transport used when neither the URL nor the connection names one.</summary>
    public const string DefaultTransport = "amqp";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> AliasTable = new(StringComparer.Ordinal)
    {
        ["memory"] = "Kombu.Transport.Memory.MemoryTransport, Kombu",
        ["amqp"] = Package("Amqp", "AmqpTransport"),
        ["amqps"] = Package("Amqp", "AmqpTransport"),
        ["pyamqp"] = Package("Amqp", "AmqpTransport"),
        ["amqplib"] = Package("Amqp", "AmqpTransport"),
        ["librabbitmq"] = Package("Amqp", "AmqpTransport"),
        ["pika"] = Package("Amqp", "AmqpTransport"),
        ["redis"] = Package("Redis", "RedisTransport"),
        ["rediss"] = Package("Redis", "RedisTransport"),
        ["sentinel"] = Package("Redis", "SentinelTransport"),
        ["sqs"] = Package("Sqs", "SqsTransport"),
        ["SQS"] = Package("Sqs", "SqsTransport"),
        ["mongodb"] = Package("MongoDb", "MongoDbTransport"),
        ["mongodb+srv"] = Package("MongoDb", "MongoDbTransport"),
        ["beanstalk"] = Package("Beanstalk", "BeanstalkTransport"),
        ["couchdb"] = Package("CouchDb", "CouchDbTransport"),
        ["sqla"] = Package("Sql", "SqlTransport"),
        ["sqlalchemy"] = Package("Sql", "SqlTransport"),
        ["django"] = Package("Sql", "SqlTransport"),
    };

    private static readonly Dictionary<string, Type> Resolved = new(StringComparer.Ordinal);

    /// <summary>The alias table: alias → assembly-qualified transport type name.</summary>
    public static IReadOnlyDictionary<string, string> Aliases
    {
        get
        {
            lock (Gate)
                return new Dictionary<string, string>(AliasTable, StringComparer.Ordinal);
        }
    }

    /// <summary>Registers (or replaces) an alias for a transport type.</summary>
    /// <param name="alias">The URL scheme or name, such as <c>mybroker</c>.</param>
    /// <param name="transportType">A <see cref="BrokerTransport"/> subclass with a constructor taking a <see cref="Connection"/>.</param>
    /// <exception cref="ArgumentException">The type is not a transport.</exception>
    public static void Register(string alias, Type transportType)
    {
        if (!typeof(BrokerTransport).IsAssignableFrom(transportType))
            throw new ArgumentException(ErrorMessages.NotATransport(transportType.FullName ?? transportType.Name), nameof(transportType));
        lock (Gate)
        {
            AliasTable[alias] = transportType.AssemblyQualifiedName!;
            Resolved[alias] = transportType;
        }
    }

    /// <summary>Registers (or replaces) an alias for a transport type loaded by name on first use.</summary>
    /// <param name="alias">The URL scheme or name.</param>
    /// <param name="assemblyQualifiedTypeName">The transport type, such as <c>My.Transport.MyTransport, My.Transport</c>; its
    /// assembly (the part after the comma) is the package named when it is missing.</param>
    public static void Register(string alias, string assemblyQualifiedTypeName)
    {
        lock (Gate)
        {
            AliasTable[alias] = assemblyQualifiedTypeName;
            Resolved.Remove(alias);
        }
    }

    /// <summary>Finds the transport class for an alias or an assembly-qualified type name.</summary>
    /// <param name="transport">An alias (<c>amqp</c>, <c>redis</c>, <c>memory</c>…) or a type name; <see langword="null"/> means <see cref="DefaultTransport"/>.</param>
    /// <returns>The transport type.</returns>
    /// <exception cref="TransportNotFoundException">The alias is unknown or the package that provides it is not installed.</exception>
    /// <remarks>Kombu's <c>get_transport_cls</c>.</remarks>
    public static Type Resolve(string? transport)
    {
        transport ??= DefaultTransport;
        string? typeName;
        lock (Gate)
        {
            if (Resolved.TryGetValue(transport, out var cached))
                return cached;
            AliasTable.TryGetValue(transport, out typeName);
        }
        var isTypeName = typeName is null && (transport.Contains('.') || transport.Contains(','));
        if (typeName is null && !isTypeName)
            throw new TransportNotFoundException(ErrorMessages.NoSuchTransport(transport, Suggest(transport)));
        var type = Type.GetType(typeName ?? transport, throwOnError: false);
        if (type is null)
        {
            throw new TransportNotFoundException(typeName is null
                ? ErrorMessages.TransportTypeNotFound(transport)
                : ErrorMessages.TransportPackageMissing(transport, PackageOf(typeName)));
        }
        if (!typeof(BrokerTransport).IsAssignableFrom(type))
            throw new TransportNotFoundException(ErrorMessages.NotATransport(type.FullName ?? transport));
        lock (Gate)
            Resolved[transport] = type;
        return type;
    }

    /// <summary>Creates the transport named <paramref name="transport"/> for a connection.</summary>
    /// <param name="transport">An alias or type name.</param>
    /// <param name="client">The owning connection.</param>
    /// <returns>The new transport instance.</returns>
    /// <exception cref="TransportNotFoundException">The transport cannot be found.</exception>
    public static BrokerTransport Create(string? transport, Connection client)
    {
        var type = Resolve(transport);
        try
        {
            return (BrokerTransport)Activator.CreateInstance(type, client)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            // The transport's own error (such as a Redis database that is not a number), not the reflection wrapper.
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Whether the named transport parses its whole URL itself (see <see cref="ParsesOwnUrlAttribute"/>).</summary>
    /// <param name="transport">An alias or type name.</param>
    /// <returns><see langword="true"/> when the connection must pass the URL through unparsed.</returns>
    internal static bool TryResolveCanParseUrl(string? transport) =>
        Resolve(transport).IsDefined(typeof(ParsesOwnUrlAttribute), inherit: false);

    /// <summary>The transport options the named transport reads from a URL's query string (see <see cref="UrlTransportOptionsAttribute"/>).</summary>
    /// <param name="transport">An alias or type name.</param>
    /// <returns>The option names; empty when the transport reads none.</returns>
    internal static IReadOnlyList<string> UrlTransportOptions(string? transport) =>
        Resolve(transport).GetCustomAttributes(typeof(UrlTransportOptionsAttribute), inherit: true) is [UrlTransportOptionsAttribute found, ..]
            ? found.Names
            : [];

    private static string Package(string name, string type) =>
        $"Kombu.Transport.{name}.{type}, Kombu.Transport.{name}";

    private static string PackageOf(string assemblyQualifiedName) =>
        assemblyQualifiedName[(assemblyQualifiedName.IndexOf(',') + 1)..].Trim();

    private static string? Suggest(string transport)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        lock (Gate)
        {
            foreach (var alias in AliasTable.Keys)
            {
                var d = Distance(transport.ToLowerInvariant(), alias.ToLowerInvariant());
                if (d < bestDistance)
                    (best, bestDistance) = (alias, d);
            }
        }
        return bestDistance <= Math.Max(2, transport.Length / 2) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

using Kombu;
using Kombu.Extensions.Hosting;
using Kombu.Pools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Kombu for .NET with a service collection: options, connection, pools and hosted consumers.</summary>
public static class KombuServiceCollectionExtensions
{
    /// <summary>Adds Kombu with <see cref="KombuOptions"/> bound from a configuration section (for example <c>Kombu</c>) and checked at start.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <c>Url</c>, <c>TransportOptions</c>, <c>ConnectTimeout</c>…</param>
    /// <returns>The service collection.</returns>
    /// <remarks>
    /// Registers, as singletons: a <see cref="Connection"/> with the host's <see cref="ILoggerFactory"/> (a template: it
    /// connects only when used, and hosted consumers and the health check use clones of it), a <see cref="ConnectionPool"/>
    /// and a <see cref="ProducerPool"/> on it, limited by the options. Disposing the service provider (the host) closes the
    /// pooled connections and the connection.
    /// </remarks>
    public static IServiceCollection AddKombu(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection named ? named.Path : KombuOptions.SectionName;
        return AddKombuCore(services, section, builder => builder.Bind(configuration));
    }

    /// <summary>Adds Kombu with <see cref="KombuOptions"/> set in code and checked at start.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    /// <remarks>Registers what <see cref="AddKombu(IServiceCollection, IConfiguration)"/> does.</remarks>
    public static IServiceCollection AddKombu(this IServiceCollection services, Action<KombuOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddKombuCore(services, KombuOptions.SectionName, builder => builder.Configure(configure));
    }

    /// <summary>Adds a hosted consumer that hands each message of the named queues to <typeparamref name="THandler"/>.</summary>
    /// <typeparam name="THandler">The handler, registered as scoped unless already registered.</typeparam>
    /// <param name="services">The service collection (with <c>AddKombu</c>).</param>
    /// <param name="queues">Queue names: each is a direct queue bound to the exchange of the same name by its name, as Kombu's <c>Queue(name)</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddKombuConsumer<THandler>(this IServiceCollection services, params string[] queues)
        where THandler : class, IMessageHandler
    {
        ArgumentNullException.ThrowIfNull(queues);
        return services.AddKombuConsumer<THandler>(options =>
        {
            foreach (var name in queues)
                options.Queues.Add(new Queue(name, new Exchange(name), name));
        });
    }

    /// <summary>Adds a hosted consumer for <typeparamref name="THandler"/> with the queues and settings <paramref name="configure"/> gives.</summary>
    /// <typeparam name="THandler">The handler, registered as scoped unless already registered.</typeparam>
    /// <param name="services">The service collection (with <c>AddKombu</c>).</param>
    /// <param name="configure">Adds the queues and sets the prefetch window, accepted content and error policy.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentException">No queue was given.</exception>
    /// <remarks>
    /// The consumer runs <see cref="Kombu.Mixins.ConsumerMixin.RunAsync"/> as a hosted service: it declares the queues,
    /// reconnects after connection errors (failing over where the URL lists several brokers) and stops when the host
    /// stops; unacknowledged messages then go back to their queue.
    /// </remarks>
    public static IServiceCollection AddKombuConsumer<THandler>(this IServiceCollection services, Action<KombuConsumerOptions> configure)
        where THandler : class, IMessageHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new KombuConsumerOptions();
        configure(options);
        if (options.Queues.Count == 0)
            throw new ArgumentException(HostingMessages.NoQueues(typeof(THandler).Name), nameof(configure));
        services.TryAddScoped<THandler>();
        services.AddSingleton<IHostedService>(provider => new KombuConsumerService<THandler>(
            provider.GetRequiredService<Connection>(), provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<IOptions<KombuOptions>>(), options));
        return services;
    }

    private static IServiceCollection AddKombuCore(IServiceCollection services, string section,
        Action<OptionsBuilder<KombuOptions>> bind)
    {
        bind(services.AddOptions<KombuOptions>().ValidateOnStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KombuOptions>>(new KombuOptionsValidator(section)));
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<KombuOptions>>().Value
            .CreateConnection(provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(provider => new KombuPools(provider.GetRequiredService<Connection>(),
            provider.GetRequiredService<IOptions<KombuOptions>>().Value));
        services.TryAddSingleton(provider => provider.GetRequiredService<KombuPools>().Connections);
        services.TryAddSingleton(provider => provider.GetRequiredService<KombuPools>().Producers);
        return services;
    }
}

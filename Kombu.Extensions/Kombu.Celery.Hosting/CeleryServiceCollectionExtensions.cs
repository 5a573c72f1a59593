using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kombu.Celery.Hosting;

/// <summary>Registers a Celery app and worker with a .NET Generic Host.</summary>
public static class CeleryServiceCollectionExtensions
{
    /// <summary>Adds a <see cref="CeleryApp"/> singleton (for clients and workers), unless one is registered.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="broker">The broker URL.</param>
    /// <param name="backend">The result backend URL, or <see langword="null"/>.</param>
    /// <param name="options">App settings.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddCeleryApp(this IServiceCollection services, string broker, string? backend = null,
        CeleryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => new CeleryApp(broker, backend, options));
        return services;
    }

    /// <summary>Adds a <see cref="CeleryApp"/> singleton on the broker connection of <c>AddKombu</c>, unless one is registered.</summary>
    /// <param name="services">The service collection, with <c>AddKombu</c> (its <c>KombuOptions</c> give the broker URL,
    /// failover URLs and transport options, and the host's logging).</param>
    /// <param name="options">App settings.</param>
    /// <param name="backend">The result backend URL, or <see langword="null"/>.</param>
    /// <returns>The service collection.</returns>
    /// <remarks>The app connects clones of that connection; the container disposes the connection, the app leaves it open.</remarks>
    public static IServiceCollection AddCeleryApp(this IServiceCollection services, CeleryOptions? options = null, string? backend = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => new CeleryApp(provider.GetRequiredService<Connection>(), backend, options));
        return services;
    }

    /// <summary>Adds a worker as a hosted service; <paramref name="configure"/> registers its task handlers.</summary>
    /// <param name="services">The service collection (with a <see cref="CeleryApp"/>, see <c>AddCeleryApp</c>).</param>
    /// <param name="configure">Registers handlers, with the service provider at hand.</param>
    /// <param name="options">Worker settings.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddCeleryWorker(this IServiceCollection services, Action<CeleryWorker, IServiceProvider> configure,
        CeleryWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(provider =>
        {
            var worker = new CeleryWorker(provider.GetRequiredService<CeleryApp>(), options);
            configure(worker, provider);
            return worker;
        });
        services.AddHostedService<CeleryWorkerService>();
        return services;
    }
}

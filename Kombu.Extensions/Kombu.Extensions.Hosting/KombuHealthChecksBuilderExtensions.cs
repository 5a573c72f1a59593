using Kombu.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Kombu broker health check to a health checks builder.</summary>
public static class KombuHealthChecksBuilderExtensions
{
    /// <summary>Adds a check that connects to the broker of <c>AddKombu</c>'s connection and opens a channel, within its connect timeout.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (default <c>kombu</c>).</param>
    /// <param name="failureStatus">The status reported when the broker is unreachable (default <see cref="HealthStatus.Unhealthy"/>).</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddKombu(this IHealthChecksBuilder builder, string name = "kombu",
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name,
            provider => new KombuHealthCheck(provider.GetRequiredService<Kombu.Connection>()), failureStatus, tags));
    }
}

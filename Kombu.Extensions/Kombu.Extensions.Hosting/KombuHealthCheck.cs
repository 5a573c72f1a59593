using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kombu.Extensions.Hosting;

/// <summary>Reports whether the broker is reachable: connects a fresh clone of the application's connection and opens a channel.</summary>
/// <param name="connection">The application's connection (see <c>AddKombu</c>); only its settings are used.</param>
internal sealed class KombuHealthCheck(Connection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var uri = connection.AsUri();
        var timeout = connection.ConnectTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var probe = connection.Clone();
        await using (probe.ConfigureAwait(false))
        {
            try
            {
                await probe.ConnectAsync(deadline.Token).ConfigureAwait(false);
                await probe.GetDefaultChannelAsync(deadline.Token).ConfigureAwait(false);
                return HealthCheckResult.Healthy(HostingMessages.Reachable(uri));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, HostingMessages.TimedOut(uri, timeout));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, HostingMessages.Unreachable(uri, ex.Message), ex);
            }
        }
    }
}

using Kombu.Exceptions;
using Kombu.Transport;
using Microsoft.Extensions.Options;

namespace Kombu.Extensions.Hosting;

/// <summary>Checks <see cref="KombuOptions"/> when the host starts, with one message per bad setting.</summary>
/// <param name="section">The configuration path the options came from, named in the messages.</param>
internal sealed class KombuOptionsValidator(string section) : IValidateOptions<KombuOptions>
{
    public ValidateOptionsResult Validate(string? name, KombuOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Url))
            failures.Add(HostingMessages.UrlMissing(section));
        else
            CheckUrl(options, failures);
        if (options.FailoverStrategy is not ("round-robin" or "shuffle"))
            failures.Add(HostingMessages.FailoverStrategyInvalid(section, options.FailoverStrategy));
        if (options.ConnectTimeout <= TimeSpan.Zero)
            failures.Add(HostingMessages.NotPositive(section, nameof(options.ConnectTimeout), options.ConnectTimeout));
        if (options.Heartbeat < TimeSpan.Zero)
            failures.Add(HostingMessages.Negative(section, nameof(options.Heartbeat), options.Heartbeat));
        if (options.ConnectionPoolLimit <= 0)
            failures.Add(HostingMessages.NotPositive(section, nameof(options.ConnectionPoolLimit), options.ConnectionPoolLimit));
        if (options.ProducerPoolLimit <= 0)
            failures.Add(HostingMessages.NotPositive(section, nameof(options.ProducerPoolLimit), options.ProducerPoolLimit));
        if (options.ConnectMaxRetries < 0)
            failures.Add(HostingMessages.Negative(section, nameof(options.ConnectMaxRetries), options.ConnectMaxRetries));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckUrl(KombuOptions options, List<string> failures)
    {
        try
        {
            using var connection = new Connection(options.Url, alternates: options.Alternates);
            Transports.Resolve(connection.TransportName);
        }
        catch (TransportNotFoundException ex)
        {
            failures.Add(HostingMessages.TransportMissing(section, ex.Message));
        }
        catch (ArgumentException ex)
        {
            failures.Add(HostingMessages.UrlInvalid(section, ex.Message));
        }
    }
}

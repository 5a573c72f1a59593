namespace Kombu.Tests.Hosting;

[TestFixture]
[Category("Unit")]
public sealed class MemoryHostedConsumerTests : HostedConsumerTests
{
    protected override string Url => "memory://";

    protected override string UniqueName(string suffix) => $"kt-host-{Guid.NewGuid():N}"[..20] + "." + suffix;
}

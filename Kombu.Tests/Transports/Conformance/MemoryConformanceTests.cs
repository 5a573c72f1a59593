namespace Kombu.Tests.Transports.Conformance;

/// <summary>The conformance suite on the in-process memory transport.</summary>
[TestFixture]
[Category("Unit")]
public sealed class MemoryConformanceTests : TransportConformanceTests
{
    protected override string Url => "memory://";
}

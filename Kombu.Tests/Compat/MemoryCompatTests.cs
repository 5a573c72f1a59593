namespace Kombu.Tests.Compat;

/// <summary>The carrot-compatibility suite on the in-process memory transport.</summary>
[TestFixture]
[Category("Unit")]
public sealed class MemoryCompatTests : CompatTests
{
    protected override string Url => "memory://";
}

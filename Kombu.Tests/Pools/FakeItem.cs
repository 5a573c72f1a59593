namespace Kombu.Tests.Pools;

/// <summary>A pooled test resource that records whether it was closed.</summary>
internal sealed class FakeItem(int id)
{
    public int Id { get; } = id;

    public bool Closed { get; set; }

    public override string ToString() => $"item{Id}";
}

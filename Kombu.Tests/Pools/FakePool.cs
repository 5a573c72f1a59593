using Kombu.Pools;

namespace Kombu.Tests.Pools;

/// <summary>A resource pool of <see cref="FakeItem"/>s numbered in creation order.</summary>
internal sealed class FakePool : Resource<FakeItem>
{
    private int _created;

    public FakePool(int? limit, int? preload = null) : base(limit, preload) => Setup();

    public int Created => Volatile.Read(ref _created);

    protected override ValueTask<FakeItem> CreateNewAsync(CancellationToken cancellationToken) =>
        new(new FakeItem(Interlocked.Increment(ref _created)));

    protected override ValueTask CloseResourceAsync(FakeItem resource, CancellationToken cancellationToken)
    {
        resource.Closed = true;
        return ValueTask.CompletedTask;
    }
}

using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public class FairCycleTests
{
    [Test]
    public async Task Get_AllResourcesFull_RotatesAcrossCalls()
    {
        var taken = new List<string>();
        var cycle = new FairCycle<string>((r, _) => { taken.Add(r); return new ValueTask<bool>(true); }, ["a", "b", "c"]);

        for (var i = 0; i < 4; i++)
            await cycle.GetAsync();

        Assert.That(taken, Is.EqualTo(new[] { "a", "b", "c", "a" }));
    }

    [Test]
    public async Task Get_AllResourcesEmpty_TriesEachOnceAndReturnsFalse()
    {
        var tried = new List<string>();
        var cycle = new FairCycle<string>((r, _) => { tried.Add(r); return new ValueTask<bool>(false); }, ["a", "b", "c"]);

        var result = await cycle.GetAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.False);
            Assert.That(tried, Is.EqualTo(new[] { "a", "b", "c" }));
        }
    }

    [Test]
    public async Task Get_SomeResourcesEmpty_SkipsToNextAndKeepsPosition()
    {
        var tried = new List<string>();
        var cycle = new FairCycle<string>((r, _) => { tried.Add(r); return new ValueTask<bool>(r == "c"); }, ["a", "b", "c"]);

        await cycle.GetAsync();
        await cycle.GetAsync();

        Assert.That(tried, Is.EqualTo(new[] { "a", "b", "c", "a", "b", "c" }));
    }

    [Test]
    public async Task Get_NoResources_ReturnsFalse()
    {
        var cycle = new FairCycle<string>((_, _) => new ValueTask<bool>(true), []);

        Assert.That(await cycle.GetAsync(), Is.False);
    }
}

using Kombu.Common;

namespace Kombu.Tests.Common;

[Category("Unit")]
public sealed class OidsTests
{
    // Python: str(uuid.uuid3(uuid.NAMESPACE_OID, '{:x}-{:x}-{:x}-{:x}'.format(node, pid, tid, id))), as generate_oid builds it.
    [TestCase("4660", 42L, 7L, 0xbeefL, "0dad3428-42a9-3432-a5f9-7460ee11aa53")]
    [TestCase("338770000845734292534325025077361652240", 4242L, 0L, 0x7fffffffL, "041cf399-b753-3159-881e-d9fd3c5617c6")]
    public void GenerateOid_KnownParts_MatchesPythonsUuid3(string node, long process, long thread, long instance, string expected)
    {
        Assert.That(Oids.GenerateOid(UInt128.Parse(node), process, thread, instance), Is.EqualTo(expected));
    }

    [Test]
    public void OidFrom_SameObjectAndThread_IsStableAndDiffersPerObject()
    {
        object a = new(), b = new();

        var first = Oids.OidFrom(a);

        Assert.That(Oids.OidFrom(a), Is.EqualTo(first));
        Assert.That(Oids.OidFrom(a), Is.Not.EqualTo(Oids.OidFrom(b)));
        Assert.That(Guid.Parse(Oids.OidFrom(a)).Version, Is.EqualTo(3));
    }

    [Test]
    public void OidFrom_WithoutThreads_IsTheSameOnAnotherThread()
    {
        var instance = new object();
        var here = (Oids.OidFrom(instance, threads: false), Oids.OidFrom(instance));

        var there = Task.Factory.StartNew(() => (Oids.OidFrom(instance, threads: false), Oids.OidFrom(instance)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Result;

        Assert.That(there.Item1, Is.EqualTo(here.Item1));
        Assert.That(there.Item2, Is.Not.EqualTo(here.Item2));
    }
}

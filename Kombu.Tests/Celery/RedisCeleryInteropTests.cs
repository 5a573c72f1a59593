using Kombu.Celery;
using Kombu.Serialization;
using Kombu.Tests.Transports.Redis;

namespace Kombu.Tests.Celery;

/// <summary>Celery interop on Redis (broker db 11) with the redis:// result backend (db 12).</summary>
[TestFixture]
public sealed class RedisCeleryInteropTests : CeleryInteropTests
{
    protected override string BrokerUrl => RedisTestServer.Url(11);

    protected override string BackendUrl => RedisTestServer.Url(12);

    protected override void RequireBroker() => RedisTestServer.Require();

    [Test]
    public void Chord_PythonWorker_BodyGetsTheHeaderResults()
    {
        var result = new Chord([Add(1, 1), Add(2, 2), Add(3, 3)], App.CreateSignature("interop.tsum", options: ToPython)).Send(App);

        Assert.That(result.Get(TimeSpan.FromSeconds(30)), Is.EqualTo(12L));
        Assert.That(((GroupResult)result.Parent!).Get(TimeSpan.FromSeconds(30)), Is.EqualTo(new List<object?> { 2L, 4L, 6L }));
    }

    [Test]
    public void Chord_HeaderOnOurWorker_PythonBodyGetsTheHeaderResults()
    {
        var header = new[] { 1, 2, 3 }.Select(n => App.CreateSignature("net.add", [n, n], options: ToNet)).ToList();

        var result = new Chord(header, App.CreateSignature("interop.tsum", options: ToPython)).Send(App);

        // Our worker counts each part in the redis backend's chord counter; the last part sends the body to Python.
        Assert.That(result.Get(TimeSpan.FromSeconds(30)), Is.EqualTo(12L));
    }

    [Test]
    public void OurWorker_StoresResult_AsCeleryTaskMetaKey()
    {
        var id = App.SendTask("net.add", [1, 2], options: ToNet).Get(TimeSpan.FromSeconds(30)) is 3L ? "" : "unexpected result";
        var result = App.SendTask("net.add", [4, 5], options: ToNet);
        result.Get(TimeSpan.FromSeconds(30));

        var meta = (IDictionary<string, object?>)KombuJson.Deserialize((string)RedisTestServer.Database(12).StringGet("celery-task-meta-" + result.Id)!)!;

        Assert.That(id, Is.Empty);
        Assert.That((meta["status"], meta["result"], meta["task_id"], meta["traceback"]), Is.EqualTo(("SUCCESS", 9L, result.Id, (object?)null)));
        Assert.That(meta["children"], Is.Empty);
        Assert.That(meta["date_done"], Is.TypeOf<string>().Or.TypeOf<DateTime>());
    }
}

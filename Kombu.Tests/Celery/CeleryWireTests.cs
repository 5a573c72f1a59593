using System.Text;
using Kombu.Celery;
using Kombu.Celery.Backends;
using Kombu.Celery.Wire;
using Kombu.Serialization;

namespace Kombu.Tests.Celery;

/// <summary>Celery's wire shapes built and read without a broker: task headers and bodies, reprs, signatures, result meta.</summary>
[Category("Unit")]
public sealed class CeleryWireTests
{
    private static readonly CeleryApp App = new("memory://");

    [Test]
    public void Build_Protocol2_HeadersAsCelery52WritesThem()
    {
        var options = new TaskOptions { TimeLimit = TimeSpan.FromSeconds(30), SoftTimeLimit = TimeSpan.FromSeconds(20), Countdown = TimeSpan.FromSeconds(10) };

        var message = TaskMessages.Build(App, "tasks.add", "id-1", [2L, 3L], new Dictionary<string, object?> { ["z"] = 1L }, options, 2);

        Assert.That(message.Headers.Keys, Is.EqualTo(new[] { "lang", "task", "id", "shadow", "eta", "expires", "group", "group_index", "retries",
            "timelimit", "root_id", "parent_id", "argsrepr", "kwargsrepr", "origin", "ignore_result" }));
        Assert.That((message.Headers["argsrepr"], message.Headers["kwargsrepr"], message.Headers["root_id"]), Is.EqualTo(("(2, 3)", "{'z': 1}", "id-1")));
        Assert.That(message.Headers["timelimit"], Is.EqualTo(new List<object?> { 30L, 20L }));
        Assert.That((string)message.Headers["eta"]!, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$"));
        Assert.That(message.ReplyTo, Is.EqualTo(App.Oid));
        var body = (List<object?>)message.Body;
        Assert.That(((IDictionary<string, object?>)body[2]!).Keys, Is.EqualTo(new[] { "callbacks", "errbacks", "chain", "chord" }));
    }

    [Test]
    public void Build_Protocol1_OneMapWithCelerysKeys()
    {
        var message = TaskMessages.Build(App, "tasks.mul", "id-2", [4L, 5L], new Dictionary<string, object?>(), new TaskOptions(), 1);

        Assert.That(((IDictionary<string, object?>)message.Body).Keys, Is.EqualTo(new[] { "task", "id", "args", "kwargs", "group", "group_index",
            "retries", "eta", "expires", "utc", "callbacks", "errbacks", "timelimit", "taskset", "chord" }));
        Assert.That(message.Headers, Is.Empty);
    }

    [TestCase(new object?[] { 1L }, "(1,)")]
    [TestCase(new object?[] { "it's", null, true, 1.5 }, "(\"it's\", None, True, 1.5)")]
    [TestCase(new object?[0], "()")]
    public void ArgsRepr_AsPythonReprOfATuple(object?[] args, string expected) =>
        Assert.That(PythonText.ArgsRepr(args), Is.EqualTo(expected));

    [Test]
    public void Parse_HybridMessage_Protocol1BodyWithProtocol2Headers()
    {
        var body = Encoding.UTF8.GetBytes("""{"task": "t.add", "id": "h1", "args": [1, 2], "kwargs": {"k": 3}, "callbacks": null}""");
        var message = new Message(null, body, contentType: "application/json", contentEncoding: "utf-8",
            properties: new Dictionary<string, object?> { ["reply_to"] = "oid", ["correlation_id"] = "h1" },
            headers: new Dictionary<string, object?> { ["task"] = "t.add", ["id"] = "h1", ["retries"] = 2L, ["timelimit"] = new List<object?> { 5L, null } });

        var request = TaskRequests.Parse(message, "w@host");

        Assert.That((request.Id, request.Task, request.Retries, request.ReplyTo, request.Protocol), Is.EqualTo(("h1", "t.add", 2, "oid", 1)));
        Assert.That((request.Args, request.Kwargs["k"], request.TimeLimit), Is.EqualTo((new List<object?> { 1L, 2L }, 3L, TimeSpan.FromSeconds(5))));
    }

    [Test]
    public void Parse_NeitherHeaderNorBody_IsNotATask()
    {
        var message = new Message(null, Encoding.UTF8.GetBytes("[1, 2]"), contentType: "application/json", contentEncoding: "utf-8");

        Assert.Throws<FormatException>(() => TaskRequests.Parse(message, "w@host"));
    }

    [Test]
    public void Chain_ToDictionary_CeleryChainSignature()
    {
        var chain = new Chain(new Signature("t.a", [1L]), new Signature("t.b", immutable: true));

        var map = chain.ToDictionary();
        var back = (Chain)Signature.FromDictionary(KombuJson.Deserialize(KombuJson.Serialize(map)) as IDictionary<string, object?> ?? throw new InvalidOperationException());

        Assert.That((map["task"], map["subtask_type"]), Is.EqualTo(("celery.chain", "chain")));
        Assert.That(back.Tasks.Select(t => (t.Task, t.Immutable)), Is.EqualTo(new[] { ("t.a", false), ("t.b", true) }));
    }

    [Test]
    public void ResultMeta_FailureDocument_RebuildsTheRemoteException()
    {
        var meta = ResultMeta.Build("t1", States.Failure, ResultMeta.EncodeException("ValueError", "builtins", ["bad", 42L]), "Traceback…", null);

        var error = ResultMeta.ToException("t1", meta);

        Assert.That(meta.Keys, Is.EqualTo(new[] { "status", "result", "traceback", "children", "date_done", "task_id" }));
        Assert.That((error.ExceptionType, error.ExceptionModule, error.ExceptionMessage, error.RemoteTraceback),
            Is.EqualTo(("ValueError", "builtins", "('bad', 42)", "Traceback…")));
    }

    [Test]
    public void Get_NoBackendConfigured_SaysSo()
    {
        var error = Assert.Throws<Kombu.Exceptions.UnsupportedOperationException>(() => App.CreateAsyncResult("t1").Get(TimeSpan.FromSeconds(1)))!;

        Assert.That(error.Message, Does.StartWith("No result backend is configured"));
    }
}

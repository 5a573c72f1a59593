using System.Diagnostics;
using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Shared helpers of the tests that talk to Python Kombu and Celery over Redis.</summary>
public abstract class RedisInteropTestBase
{
    private readonly List<IDisposable> _disposables = [];
    private readonly List<Process> _processes = [];

    /// <summary>The Redis database the fixture uses.</summary>
    protected abstract int Db { get; }

    protected string Url => RedisTestServer.Url(Db);

    protected string Prefix { get; private set; } = "";

    [SetUp]
    public void SetUpNames()
    {
        RedisTestServer.Require();
        Prefix = "ri-" + Guid.NewGuid().ToString("N")[..10];
    }

    [TearDown]
    public void DisposeAll()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        _processes.Clear();
        for (var i = _disposables.Count - 1; i >= 0; i--)
            _disposables[i].Dispose();
        _disposables.Clear();
    }

    protected string Name(string suffix) => $"{Prefix}.{suffix}";

    protected Connection Connect(IDictionary<string, object?>? options = null)
    {
        var connection = new Connection(Url, transportOptions: options);
        _disposables.Add(connection);
        return connection;
    }

    /// <summary>Runs <c>kombu_peer.py</c> to completion and returns each JSON line it printed, decoded.</summary>
    protected static List<IDictionary<string, object?>> Peer(params string[] args) =>
        [.. PythonPeer.Run("kombu_peer.py", args).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => (IDictionary<string, object?>)KombuJson.Deserialize(line)!)];

    /// <summary>Starts a long-running Python peer, killed after the test.</summary>
    protected Process StartPeer(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = PythonPeer.Start(script, args, environment: environment);
        _processes.Add(process);
        return process;
    }

    /// <summary>Reads lines of <paramref name="reader"/> until one contains <paramref name="marker"/>.</summary>
    protected static void WaitForLine(StreamReader reader, string marker, TimeSpan timeout)
    {
        var task = Task.Run(() =>
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Contains(marker, StringComparison.Ordinal))
                    return true;
            }
            return false;
        });
        if (!task.Wait(timeout) || !task.Result)
            Assert.Fail($"The Python peer never printed {marker}.");
    }

    protected static IDictionary<string, object?> Map(object? value) => (IDictionary<string, object?>)value!;

    /// <summary>Drains events until <paramref name="until"/> holds or the timeout passes.</summary>
    protected static void DrainUntil(Connection connection, Func<bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!until() && DateTime.UtcNow < deadline)
        {
            try
            {
                connection.DrainEvents(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
            }
        }
    }
}

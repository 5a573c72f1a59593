using System.Globalization;
using System.Text;

namespace Kombu.Transport.Beanstalk;

public sealed partial class BeanstalkClient
{
    /// <inheritdoc cref="Put"/>
    public ValueTask<long> PutAsync(ReadOnlyMemory<byte> body, uint priority = DefaultPriority, TimeSpan delay = default,
        TimeSpan? timeToRun = null, CancellationToken cancellationToken = default)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"put {priority} {Seconds(delay)} {Math.Max(Seconds(timeToRun ?? DefaultTimeToRun), 1)} {body.Length}");
        return ExecuteAsync("put", line, body, r => Id(r, "put"), cancellationToken, "INSERTED");
    }

    /// <inheritdoc cref="Use"/>
    public ValueTask<string> UseAsync(string tube, CancellationToken cancellationToken = default)
    {
        ValidateTube(tube);
        return ExecuteAsync("use", "use " + tube, null, r => Word(r, "use"), cancellationToken, "USING");
    }

    /// <inheritdoc cref="Watch"/>
    public ValueTask<int> WatchAsync(string tube, CancellationToken cancellationToken = default)
    {
        ValidateTube(tube);
        return ExecuteAsync("watch", "watch " + tube, null, r => (int)Id(r, "watch"), cancellationToken, "WATCHING");
    }

    /// <inheritdoc cref="Ignore"/>
    public ValueTask<int> IgnoreAsync(string tube, CancellationToken cancellationToken = default)
    {
        ValidateTube(tube);
        return ExecuteAsync("ignore", "ignore " + tube, null, r => (int)Id(r, "ignore"), cancellationToken, "WATCHING");
    }

    /// <inheritdoc cref="Reserve"/>
    public ValueTask<BeanstalkJob?> ReserveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var (command, line) = timeout is { } t
            ? ("reserve-with-timeout", "reserve-with-timeout " + Seconds(t).ToString(CultureInfo.InvariantCulture))
            : ("reserve", "reserve");
        return ExecuteAsync(command, line, null, r => r.Status == "TIMED_OUT" ? null : new BeanstalkJob(Id(r, command), Data(r, command)),
            cancellationToken, "RESERVED", "TIMED_OUT");
    }

    /// <inheritdoc cref="Delete"/>
    public ValueTask DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        Simple("delete", $"delete {id}", "DELETED", cancellationToken);

    /// <inheritdoc cref="Release"/>
    public ValueTask ReleaseAsync(long id, uint priority = DefaultPriority, TimeSpan delay = default,
        CancellationToken cancellationToken = default) =>
        Simple("release", $"release {id} {priority} {Seconds(delay)}", "RELEASED", cancellationToken);

    /// <inheritdoc cref="Bury"/>
    public ValueTask BuryAsync(long id, uint priority = DefaultPriority, CancellationToken cancellationToken = default) =>
        Simple("bury", $"bury {id} {priority}", "BURIED", cancellationToken);

    /// <inheritdoc cref="Kick"/>
    public ValueTask<long> KickAsync(long bound, CancellationToken cancellationToken = default) =>
        ExecuteAsync("kick", string.Create(CultureInfo.InvariantCulture, $"kick {Math.Max(bound, 0)}"), null,
            r => Id(r, "kick"), cancellationToken, "KICKED");

    /// <inheritdoc cref="StatsTube"/>
    public ValueTask<IReadOnlyDictionary<string, string>> StatsTubeAsync(string tube, CancellationToken cancellationToken = default)
    {
        ValidateTube(tube);
        return ExecuteAsync<IReadOnlyDictionary<string, string>>("stats-tube", "stats-tube " + tube, null,
            r => BeanstalkYaml.ParseMap(Yaml(r, "stats-tube")), cancellationToken, "OK");
    }

    /// <inheritdoc cref="StatsJob"/>
    public ValueTask<IReadOnlyDictionary<string, string>> StatsJobAsync(long id, CancellationToken cancellationToken = default) =>
        ExecuteAsync<IReadOnlyDictionary<string, string>>("stats-job", string.Create(CultureInfo.InvariantCulture, $"stats-job {id}"),
            null, r => BeanstalkYaml.ParseMap(Yaml(r, "stats-job")), cancellationToken, "OK");

    /// <inheritdoc cref="ListTubes"/>
    public ValueTask<IReadOnlyList<string>> ListTubesAsync(CancellationToken cancellationToken = default) =>
        ExecuteAsync<IReadOnlyList<string>>("list-tubes", "list-tubes", null,
            r => BeanstalkYaml.ParseList(Yaml(r, "list-tubes")), cancellationToken, "OK");

    private async ValueTask Simple(string command, FormattableString line, string success, CancellationToken cancellationToken) =>
        await ExecuteAsync(command, FormattableString.Invariant(line), null, static _ => true, cancellationToken, success)
            .ConfigureAwait(false);

    private static long Seconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)span.TotalSeconds;

    private static long Id(BeanstalkReply reply, string command) =>
        reply.Arguments.Length >= 1
            ? ParseNumber(command, reply.Arguments[0], "number")
            : throw new BeanstalkProtocolException(BeanstalkErrors.Malformed(command, $"'{reply.Status}' without its number"));

    private static string Word(BeanstalkReply reply, string command) =>
        reply.Arguments.Length == 1
            ? reply.Arguments[0]
            : throw new BeanstalkProtocolException(BeanstalkErrors.Malformed(command, $"'{reply.Status}' needs one argument"));

    private static byte[] Data(BeanstalkReply reply, string command) =>
        reply.Body ?? throw new BeanstalkProtocolException(BeanstalkErrors.Malformed(command, $"'{reply.Status}' without its data block"));

    private static string Yaml(BeanstalkReply reply, string command)
    {
        var text = Encoding.UTF8.GetString(Data(reply, command));
        return text.StartsWith("---", StringComparison.Ordinal)
            ? text
            : throw new BeanstalkProtocolException(BeanstalkErrors.Malformed(command, "the data block is not a YAML document"));
    }
}

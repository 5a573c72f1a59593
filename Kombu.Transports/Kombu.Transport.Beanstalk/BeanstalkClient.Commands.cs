using System.Globalization;
using System.Text;

namespace Kombu.Transport.Beanstalk;

public sealed partial class BeanstalkClient
{
    /// <summary>Puts a job into the tube in use (<c>put</c>).</summary>
    /// <param name="body">The job body.</param>
    /// <param name="priority">Priority; lower is more urgent (0 is the most urgent).</param>
    /// <param name="delay">How long the job waits before it becomes ready (whole seconds).</param>
    /// <param name="timeToRun">How long a reservation lasts before the server releases the job; <see langword="null"/> means 120 s.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new job's id.</returns>
    /// <exception cref="BeanstalkCommandException">The server refused the job (<c>JOB_TOO_BIG</c>, <c>DRAINING</c>, <c>BURIED</c>…).</exception>
    /// <exception cref="BeanstalkConnectionException">The connection is lost or the reply is malformed.</exception>
    public ValueTask<long> PutAsync(ReadOnlyMemory<byte> body, uint priority = DefaultPriority, TimeSpan delay = default,
        TimeSpan? timeToRun = null, CancellationToken cancellationToken = default)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"put {priority} {Seconds(delay)} {Math.Max(Seconds(timeToRun ?? DefaultTimeToRun), 1)} {body.Length}");
        return ExecuteAsync("put", line, body, r => Id(r, "put"), cancellationToken, "INSERTED");
    }

    /// <summary>Selects the tube later <see cref="PutAsync"/> calls go to (<c>use</c>).</summary>
    /// <param name="tube">Tube name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tube now in use, as the server names it.</returns>
    /// <exception cref="ArgumentException">The name is empty, too long, or has spaces or line breaks.</exception>
    public ValueTask<string> UseAsync(string tube, CancellationToken cancellationToken = default)
    {
        ValidateTube(tube);
        return ExecuteAsync("use", "use " + tube, null, r => Word(r, "use"), cancellationToken, "USING");
    }

    /// <summary>Adds a tube to those <see cref="ReserveAsync"/> takes jobs from (<c>watch</c>).</summary>
    /// <param name="tube">Tube name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many tubes are watched now.</returns>
    /// <exception cref="ArgumentException">The name is empty, too long, or has spaces or line breaks.</exception>
    public ValueTask<int> WatchAsync(string tube, CancellationToken cancellationToken = default)
    {
        ValidateTube(tube);
        return ExecuteAsync("watch", "watch " + tube, null, r => (int)Id(r, "watch"), cancellationToken, "WATCHING");
    }

    /// <summary>Removes a tube from the watch list (<c>ignore</c>).</summary>
    /// <param name="tube">Tube name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many tubes are watched now.</returns>
    /// <exception cref="BeanstalkCommandException">It is the last watched tube (<c>NOT_IGNORED</c>).</exception>
    public ValueTask<int> IgnoreAsync(string tube, CancellationToken cancellationToken = default)
    {
        ValidateTube(tube);
        return ExecuteAsync("ignore", "ignore " + tube, null, r => (int)Id(r, "ignore"), cancellationToken, "WATCHING");
    }

    /// <summary>Reserves the next ready job of the watched tubes (<c>reserve</c> or <c>reserve-with-timeout</c>).</summary>
    /// <param name="timeout">How long the server waits for a job (whole seconds; zero polls); <see langword="null"/> waits forever.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The job, or <see langword="null"/> when the timeout passed (<c>TIMED_OUT</c>).</returns>
    /// <exception cref="BeanstalkCommandException">A job reserved here is about to time out (<c>DEADLINE_SOON</c>).</exception>
    public ValueTask<BeanstalkJob?> ReserveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var (command, line) = timeout is { } t
            ? ("reserve-with-timeout", "reserve-with-timeout " + Seconds(t).ToString(CultureInfo.InvariantCulture))
            : ("reserve", "reserve");
        return ExecuteAsync(command, line, null, r => r.Status == "TIMED_OUT" ? null : new BeanstalkJob(Id(r, command), Data(r, command)),
            cancellationToken, "RESERVED", "TIMED_OUT");
    }

    /// <summary>Deletes a job (<c>delete</c>).</summary>
    /// <param name="id">Job id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="BeanstalkCommandException">No such job, or it is reserved by another connection (<c>NOT_FOUND</c>).</exception>
    public ValueTask DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        SimpleAsync("delete", $"delete {id}", "DELETED", cancellationToken);

    /// <summary>Puts a job reserved here back into its tube (<c>release</c>).</summary>
    /// <param name="id">Job id.</param>
    /// <param name="priority">The job's new priority.</param>
    /// <param name="delay">How long it waits before it is ready again (whole seconds).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="BeanstalkCommandException">The job is not reserved here (<c>NOT_FOUND</c>) or was buried (<c>BURIED</c>).</exception>
    public ValueTask ReleaseAsync(long id, uint priority = DefaultPriority, TimeSpan delay = default,
        CancellationToken cancellationToken = default) =>
        SimpleAsync("release", $"release {id} {priority} {Seconds(delay)}", "RELEASED", cancellationToken);

    /// <summary>Buries a job reserved here, keeping it aside until kicked (<c>bury</c>).</summary>
    /// <param name="id">Job id.</param>
    /// <param name="priority">The job's new priority.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="BeanstalkCommandException">The job is not reserved here (<c>NOT_FOUND</c>).</exception>
    public ValueTask BuryAsync(long id, uint priority = DefaultPriority, CancellationToken cancellationToken = default) =>
        SimpleAsync("bury", $"bury {id} {priority}", "BURIED", cancellationToken);

    /// <summary>Moves buried (or else delayed) jobs of the tube in use back to ready (<c>kick</c>).</summary>
    /// <param name="bound">The most jobs to kick.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many jobs were kicked.</returns>
    public ValueTask<long> KickAsync(long bound, CancellationToken cancellationToken = default) =>
        ExecuteAsync("kick", string.Create(CultureInfo.InvariantCulture, $"kick {Math.Max(bound, 0)}"), null,
            r => Id(r, "kick"), cancellationToken, "KICKED");

    /// <summary>Reads a tube's statistics (<c>stats-tube</c>), such as <c>current-jobs-ready</c>.</summary>
    /// <param name="tube">Tube name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The statistics by name.</returns>
    /// <exception cref="BeanstalkCommandException">The tube does not exist (<c>NOT_FOUND</c>).</exception>
    public ValueTask<IReadOnlyDictionary<string, string>> StatsTubeAsync(string tube, CancellationToken cancellationToken = default)
    {
        ValidateTube(tube);
        return ExecuteAsync<IReadOnlyDictionary<string, string>>("stats-tube", "stats-tube " + tube, null,
            r => BeanstalkYaml.ParseMap(Yaml(r, "stats-tube")), cancellationToken, "OK");
    }

    /// <summary>Reads a job's statistics (<c>stats-job</c>), such as <c>tube</c>, <c>state</c> and <c>reserves</c>.</summary>
    /// <param name="id">Job id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The statistics by name.</returns>
    /// <exception cref="BeanstalkCommandException">No such job (<c>NOT_FOUND</c>).</exception>
    public ValueTask<IReadOnlyDictionary<string, string>> StatsJobAsync(long id, CancellationToken cancellationToken = default) =>
        ExecuteAsync<IReadOnlyDictionary<string, string>>("stats-job", string.Create(CultureInfo.InvariantCulture, $"stats-job {id}"),
            null, r => BeanstalkYaml.ParseMap(Yaml(r, "stats-job")), cancellationToken, "OK");

    /// <summary>Lists the tubes that exist on the server (<c>list-tubes</c>).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tube names.</returns>
    public ValueTask<IReadOnlyList<string>> ListTubesAsync(CancellationToken cancellationToken = default) =>
        ExecuteAsync<IReadOnlyList<string>>("list-tubes", "list-tubes", null,
            r => BeanstalkYaml.ParseList(Yaml(r, "list-tubes")), cancellationToken, "OK");

    private async ValueTask SimpleAsync(string command, FormattableString line, string success, CancellationToken cancellationToken) =>
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

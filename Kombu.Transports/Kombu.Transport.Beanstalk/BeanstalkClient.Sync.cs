namespace Kombu.Transport.Beanstalk;

public sealed partial class BeanstalkClient
{
    /// <summary>Puts a job into the tube in use (<c>put</c>).</summary>
    /// <param name="body">The job body.</param>
    /// <param name="priority">Priority; lower is more urgent (0 is the most urgent).</param>
    /// <param name="delay">How long the job waits before it becomes ready (whole seconds).</param>
    /// <param name="timeToRun">How long a reservation lasts before the server releases the job; <see langword="null"/> means 120 s.</param>
    /// <returns>The new job's id.</returns>
    /// <exception cref="BeanstalkCommandException">The server refused the job (<c>JOB_TOO_BIG</c>, <c>DRAINING</c>, <c>BURIED</c>…).</exception>
    /// <exception cref="BeanstalkConnectionException">The connection is lost or the reply is malformed.</exception>
    public long Put(ReadOnlyMemory<byte> body, uint priority = DefaultPriority, TimeSpan delay = default, TimeSpan? timeToRun = null) =>
        ValueTaskExtensions.WaitSync(PutAsync(body, priority, delay, timeToRun));

    /// <summary>Selects the tube later <see cref="Put"/> calls go to (<c>use</c>).</summary>
    /// <param name="tube">Tube name.</param>
    /// <returns>The tube now in use, as the server names it.</returns>
    /// <exception cref="ArgumentException">The name is empty, too long, or has spaces or line breaks.</exception>
    public string Use(string tube) => ValueTaskExtensions.WaitSync(UseAsync(tube));

    /// <summary>Adds a tube to those <see cref="Reserve"/> takes jobs from (<c>watch</c>).</summary>
    /// <param name="tube">Tube name.</param>
    /// <returns>How many tubes are watched now.</returns>
    /// <exception cref="ArgumentException">The name is empty, too long, or has spaces or line breaks.</exception>
    public int Watch(string tube) => ValueTaskExtensions.WaitSync(WatchAsync(tube));

    /// <summary>Removes a tube from the watch list (<c>ignore</c>).</summary>
    /// <param name="tube">Tube name.</param>
    /// <returns>How many tubes are watched now.</returns>
    /// <exception cref="BeanstalkCommandException">It is the last watched tube (<c>NOT_IGNORED</c>).</exception>
    public int Ignore(string tube) => ValueTaskExtensions.WaitSync(IgnoreAsync(tube));

    /// <summary>Reserves the next ready job of the watched tubes (<c>reserve</c> or <c>reserve-with-timeout</c>).</summary>
    /// <param name="timeout">How long the server waits for a job (whole seconds; zero polls); <see langword="null"/> waits forever.</param>
    /// <returns>The job, or <see langword="null"/> when the timeout passed (<c>TIMED_OUT</c>).</returns>
    /// <exception cref="BeanstalkCommandException">A job reserved here is about to time out (<c>DEADLINE_SOON</c>).</exception>
    public BeanstalkJob? Reserve(TimeSpan? timeout = null) => ValueTaskExtensions.WaitSync(ReserveAsync(timeout));

    /// <summary>Deletes a job (<c>delete</c>).</summary>
    /// <param name="id">Job id.</param>
    /// <exception cref="BeanstalkCommandException">No such job, or it is reserved by another connection (<c>NOT_FOUND</c>).</exception>
    public void Delete(long id) => ValueTaskExtensions.WaitSync(DeleteAsync(id));

    /// <summary>Puts a job reserved here back into its tube (<c>release</c>).</summary>
    /// <param name="id">Job id.</param>
    /// <param name="priority">The job's new priority.</param>
    /// <param name="delay">How long it waits before it is ready again (whole seconds).</param>
    /// <exception cref="BeanstalkCommandException">The job is not reserved here (<c>NOT_FOUND</c>) or was buried (<c>BURIED</c>).</exception>
    public void Release(long id, uint priority = DefaultPriority, TimeSpan delay = default) =>
        ValueTaskExtensions.WaitSync(ReleaseAsync(id, priority, delay));

    /// <summary>Buries a job reserved here, keeping it aside until kicked (<c>bury</c>).</summary>
    /// <param name="id">Job id.</param>
    /// <param name="priority">The job's new priority.</param>
    /// <exception cref="BeanstalkCommandException">The job is not reserved here (<c>NOT_FOUND</c>).</exception>
    public void Bury(long id, uint priority = DefaultPriority) => ValueTaskExtensions.WaitSync(BuryAsync(id, priority));

    /// <summary>Moves buried (or else delayed) jobs of the tube in use back to ready (<c>kick</c>).</summary>
    /// <param name="bound">The most jobs to kick.</param>
    /// <returns>How many jobs were kicked.</returns>
    public long Kick(long bound) => ValueTaskExtensions.WaitSync(KickAsync(bound));

    /// <summary>Reads a tube's statistics (<c>stats-tube</c>), such as <c>current-jobs-ready</c>.</summary>
    /// <param name="tube">Tube name.</param>
    /// <returns>The statistics by name.</returns>
    /// <exception cref="BeanstalkCommandException">The tube does not exist (<c>NOT_FOUND</c>).</exception>
    public IReadOnlyDictionary<string, string> StatsTube(string tube) => ValueTaskExtensions.WaitSync(StatsTubeAsync(tube));

    /// <summary>Reads a job's statistics (<c>stats-job</c>), such as <c>tube</c>, <c>state</c> and <c>reserves</c>.</summary>
    /// <param name="id">Job id.</param>
    /// <returns>The statistics by name.</returns>
    /// <exception cref="BeanstalkCommandException">No such job (<c>NOT_FOUND</c>).</exception>
    public IReadOnlyDictionary<string, string> StatsJob(long id) => ValueTaskExtensions.WaitSync(StatsJobAsync(id));

    /// <summary>Lists the tubes that exist on the server (<c>list-tubes</c>).</summary>
    /// <returns>The tube names.</returns>
    public IReadOnlyList<string> ListTubes() => ValueTaskExtensions.WaitSync(ListTubesAsync());
}

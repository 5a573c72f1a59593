namespace Kombu.Bench;

/// <summary>One broker of the harness: its URL, how to reach it, and its raw-driver runs.</summary>
/// <remarks>
/// Every concrete subclass in this assembly is found by reflection; adding a broker is one small class. Our
/// Producer/Consumer and Python Kombu runs are the same for every broker and need only <see cref="Url"/>.
/// </remarks>
public abstract class BrokerSection
{
    /// <summary>The name given to <c>--brokers</c> and printed in the table (memory, amqp, redis…).</summary>
    public abstract string Name { get; }

    /// <summary>Order in the table.</summary>
    public virtual int Order => 100;

    /// <summary>The Kombu URL of the broker on 127.0.0.1, the same for us and for Python Kombu.</summary>
    public abstract string Url { get; }

    /// <summary>The name of the raw driver, or <see langword="null"/> when there is none to compare with.</summary>
    public virtual string? RawDriver => null;

    /// <summary>Whether to measure publishing with confirms (transport option <c>confirm_publish</c>).</summary>
    public virtual bool HasConfirms => false;

    /// <summary>Whether to measure the pidbox call round trip on this broker.</summary>
    public virtual bool HasPidbox => false;

    /// <summary>Whether the section times messages published and consumed one by one, with their allocations.</summary>
    public virtual bool HasInterleaved => false;

    /// <summary>Whether to measure the latency from publish to an idle consumer's callback.</summary>
    public virtual bool HasConsumeLatency => false;

    /// <summary>Throws with the start command when the broker is not reachable.</summary>
    /// <returns>A task that completes when the broker answered.</returns>
    public virtual Task EnsureAvailableAsync() => Task.CompletedTask;

    /// <summary>Publishes then consumes <see cref="BenchWork.Count"/> messages with the raw driver.</summary>
    /// <param name="work">The work.</param>
    /// <param name="payload">The bodies to publish, and what to do with those received.</param>
    /// <returns>The rates, or <see langword="null"/> when there is no raw driver.</returns>
    public virtual Task<Rates?> RunRawAsync(BenchWork work, RawPayload payload) => Task.FromResult<Rates?>(null);

    /// <summary>Publishes <see cref="BenchWork.ConfirmCount"/> messages with the raw driver, each confirmed.</summary>
    /// <param name="work">The work.</param>
    /// <param name="payload">The bodies to publish.</param>
    /// <returns>Messages per second, or <see langword="null"/> when not measured.</returns>
    public virtual Task<double?> RunRawConfirmedAsync(BenchWork work, RawPayload payload) => Task.FromResult<double?>(null);

    /// <summary>Publishes <see cref="BenchWork.Count"/> messages with the raw driver, <see cref="BenchWork.Batch"/> per
    /// round trip (Redis: one multi-value <c>LPUSH</c>; AMQP: publishes pipelined, confirms awaited per batch).</summary>
    /// <param name="work">The work.</param>
    /// <param name="payload">The bodies to publish.</param>
    /// <param name="confirmed">Whether publisher confirms are on.</param>
    /// <returns>Messages per second, or <see langword="null"/> when not measured.</returns>
    public virtual Task<double?> RunRawBatchAsync(BenchWork work, RawPayload payload, bool confirmed) =>
        Task.FromResult<double?>(null);

    /// <summary>
    /// Times <paramref name="calls"/> request/reply round trips with the raw driver alone: a request published to a
    /// queue, a responder in this process that publishes the reply to the caller's queue, the caller waiting for it.
    /// </summary>
    /// <param name="calls">Round trips to time.</param>
    /// <returns>The 50th and 99th percentile in milliseconds, or <see langword="null"/> when not measured.</returns>
    public virtual Task<(double P50, double P99)?> RunRawRoundTripAsync(int calls) => Task.FromResult<(double, double)?>(null);

    /// <summary>Throws with the start command unless 127.0.0.1:<paramref name="port"/> accepts a connection.</summary>
    /// <param name="port">The broker's port.</param>
    /// <param name="broker">The broker's name.</param>
    /// <param name="startCommand">The command that starts it.</param>
    /// <returns>A task that completes when the port answered.</returns>
    protected static async Task EnsureListeningAsync(int port, string broker, string startCommand)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"{broker} is not running on 127.0.0.1:{port}: {startCommand}", ex);
        }
    }

    /// <summary>Deletes a queue a run left behind.</summary>
    /// <param name="queue">The queue name.</param>
    public virtual void DeleteQueue(string queue)
    {
        using var connection = new Connection(Url);
        new Queue(queue).Bind(connection.DefaultChannel).Delete();
    }
}

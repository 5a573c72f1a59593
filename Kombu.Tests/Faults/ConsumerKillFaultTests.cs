namespace Kombu.Tests.Faults;

/// <summary>
/// A consumer process (<c>kombu consume</c>) is killed with SIGKILL while it holds unacknowledged messages; a new
/// consumer must then get every message. One sealed subclass per transport supplies the URL and the options that
/// bring a dead consumer's messages back (a short visibility timeout where the store needs one).
/// </summary>
[Category("Faults")]
[NonParallelizable]
public abstract class ConsumerKillFaultTests
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Stragglers = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan BlockDeadline = TimeSpan.FromSeconds(60);
    private const int PauseAfter = 20;

    /// <summary>How many messages to publish (fewer on slow stores).</summary>
    protected virtual int Count => 1000;

    /// <summary>
    /// How many messages a killed consumer may take with it: 0 where the broker holds a delivered message until it is
    /// acknowledged; 1 where the store deletes a message as it hands it out, as Kombu's virtual get does (the CLI takes
    /// one message per poll), so the message being printed at the kill is gone.
    /// </summary>
    protected virtual int MaxLost => 0;

    /// <summary>The broker URL.</summary>
    protected abstract string Url { get; }

    /// <summary>Transport options of the publisher and the second consumer (such as a short visibility timeout).</summary>
    protected virtual Dictionary<string, object?> Options => [];

    /// <summary>Fails the test, naming the start command, when the broker is not running.</summary>
    protected abstract void RequireBroker();

    /// <summary>A queue name the transport accepts.</summary>
    protected virtual string NewQueueName() => $"kt-kill-{Guid.NewGuid():N}"[..24];

    [Test]
    public void Consumer_KilledWithSigkillBeforeAcking_NewConsumerGetsEveryMessage()
    {
        RequireBroker();
        var name = NewQueueName();
        var queue = NumberedMessages.QueueNamed(name);
        var ledger = new DeliveryLedger(Count);
        try
        {
            NumberedMessages.Publish(Url, name, Count, Options);
            using (var child = new CliConsumerProcess(Url, name, ledger, pauseAfter: PauseAfter))
            {
                Assert.That(ledger.WaitForDistinct(PauseAfter - 1, TimeSpan.FromSeconds(60)), Is.True, "the child printed nothing: " + child.Stderr);
                // We stopped reading its output: the child fills the pipe and blocks printing a message it holds.
                Assert.That(DeliveryLedger.WaitFor(() => child.IsBlockedWritingOutput, BlockDeadline), Is.True,
                    "the child never blocked printing a message: " + child.Stderr);
                child.Kill();
            }
            var printedByChild = ledger.Distinct;
            Assert.That(printedByChild, Is.LessThan(Count), "the child consumed everything before it was killed");

            var started = ledger.Now;
            ConsumeUntilAllArrived(queue, ledger);

            ledger.Report($"{GetType().Name}: consumer SIGKILLed after printing {printedByChild}",
                recovery: null);
            TestContext.Out.WriteLine($"  all back {(ledger.Now - started).TotalSeconds:0.0} s after the new consumer started");
            Assert.That(ledger.Lost, Is.LessThanOrEqualTo(MaxLost), "messages lost");
        }
        finally
        {
            using var cleanup = new Connection(Url, transportOptions: Options);
            new Queue(name).Bind(cleanup.DefaultChannel).Delete();
        }
    }

    private void ConsumeUntilAllArrived(Queue queue, DeliveryLedger ledger)
    {
        var deadline = DateTime.UtcNow + RecoveryDeadline;
        Drain(queue, ledger, () => ledger.Distinct < Count - MaxLost && DateTime.UtcNow < deadline);
        var stragglers = DateTime.UtcNow + Stragglers;
        Drain(queue, ledger, () => ledger.Distinct < Count && DateTime.UtcNow < stragglers);
    }

    private void Drain(Queue queue, DeliveryLedger ledger, Func<bool> goOn)
    {
        using var connection = new Connection(Url, transportOptions: Options);
        using var consumer = connection.CreateConsumer(queues: [queue], accept: ["json"],
            callbacks: [(body, message) => { ledger.Record((long)body!); message.Ack(); }]);
        consumer.Consume();
        while (goOn())
        {
            try
            {
                connection.DrainEvents(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                // Nothing yet: a dead consumer's messages come back after the visibility timeout.
            }
        }
    }
}

using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>
/// RabbitMQ stops and starts (rabbitmqctl stop_app/start_app) under a retrying producer and a ConsumerMixin, on the
/// fault suite's own node (never the shared one).
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Faults")]
public sealed class AmqpFaultTests
{
    private const int Count = 120;

    [SetUp]
    public void RequireBroker() => FaultRabbit.Require();

    [Test]
    public async Task BrokerRestart_RetryingProducerAndConsumerMixin_NoMessageLost()
    {
        var queueName = AmqpBroker.UniqueName("fault");
        var queue = new Queue(queueName, new Exchange(queueName, "direct", durable: true), queueName, durable: true);
        using var consumerConn = new Connection(FaultRabbit.Url);
        var worker = new CollectingWorker(consumerConn, queue);
        using var stop = new CancellationTokenSource();
        var consuming = Task.Factory.StartNew(() => worker.Run(stop.Token), TaskCreationOptions.LongRunning);
        using var producerConn = new Connection(FaultRabbit.Url,
            transportOptions: new Dictionary<string, object?> { ["confirm_publish"] = true });
        var policy = new RetryPolicy
        {
            MaxRetries = 60,
            IntervalStart = TimeSpan.FromMilliseconds(200),
            IntervalStep = TimeSpan.FromMilliseconds(500),
            IntervalMax = TimeSpan.FromSeconds(1),
        };
        Task? restart = null;
        try
        {
            var producer = producerConn.CreateProducer(exchange: new Exchange(queueName, "direct", durable: true));
            for (var i = 0; i < Count; i++)
            {
                if (i == Count / 3)
                    restart = Task.Run(RestartBroker);
                producer.Publish((long)i, routingKey: queueName, serializer: "json", retry: true, retryPolicy: policy,
                    declare: [queue]);
                Thread.Sleep(i < Count / 3 ? 5 : 40);
            }
            restart?.Wait(TimeSpan.FromSeconds(90));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (worker.Received.Count < Count && DateTime.UtcNow < deadline)
                Thread.Sleep(100);

            var missing = Enumerable.Range(0, Count).Where(i => !worker.Received.ContainsKey(i)).ToList();
            Assert.That(missing, Is.Empty, $"received {worker.Received.Count} of {Count}");
            Assert.That(worker.Revivals, Is.GreaterThanOrEqualTo(2), "The ConsumerMixin should have reconnected.");
        }
        finally
        {
            restart?.Wait(TimeSpan.FromSeconds(90));
            FaultRabbit.EnsureRunning();
            stop.Cancel();
            consuming.Wait(TimeSpan.FromSeconds(30));
            using var cleanup = new Connection(FaultRabbit.Url);
            await cleanup.DefaultChannel.QueueDeleteAsync(queueName);
            await cleanup.DefaultChannel.ExchangeDeleteAsync(queueName);
        }
    }

    private static void RestartBroker()
    {
        FaultRabbit.StopApp();
        Thread.Sleep(1500);
        FaultRabbit.StartApp();
    }
}

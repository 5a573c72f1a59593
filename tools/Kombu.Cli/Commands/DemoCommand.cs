using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu demo</c>: Kombu's quick overview — publish one message to <c>media</c>/<c>video</c> and consume it.</summary>
public sealed class DemoCommand : ICommand
{
    /// <summary>How long to wait for the demo message.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("demo", "[--url URL]",
        "Publish {\"name\": \"/tmp/lolcat1.avi\", \"size\": 1301013} to exchange media (queue video) and print it when consumed.",
        Options: []);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var mediaExchange = new Exchange("media", type: "direct", durable: true);
        var videoQueue = new Queue("video", exchange: mediaExchange, routingKey: "video");
        using var connection = context.Connect();
        var producer = connection.CreateProducer(serializer: "json");
        producer.Publish(new Dictionary<string, object?> { ["name"] = "/tmp/lolcat1.avi", ["size"] = 1301013L },
            exchange: mediaExchange.Name, routingKey: "video", declare: [videoQueue]);
        object? received = null;
        var done = false;
        void ProcessMedia(object? body, Message message)
        {
            if (done)
                return;
            received = body;
            done = true;
            message.Ack();
        }
        using var consumer = connection.CreateConsumer(queues: [videoQueue], callbacks: [ProcessMedia]);
        consumer.Consume();
        var deadline = DateTime.UtcNow + Timeout;
        while (!done)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                throw new TimeoutException("demo: no message received within 10 seconds");
            connection.DrainEvents(remaining);
        }
        context.Stdout.WriteLine(PythonJson.Dumps(received));
        return 0;
    }
}

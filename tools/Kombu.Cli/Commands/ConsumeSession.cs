using System.Diagnostics;
using Kombu.Exceptions;

namespace Kombu.Cli.Commands;

/// <summary>
/// One run of <c>kombu consume</c>: consumes until the limit or the idle timeout, printing and settling each message,
/// and rides through lost connections (a broker restart, a reset link) by reconnecting and consuming again.
/// </summary>
internal sealed class ConsumeSession(CliContext context, ConsumeSettings settings, ProgressBar progress)
{
    // Reconnect attempts: the first at once, then every second, so a returning broker is found within ~1 s.
    private static readonly TimeSpan RetryStart = TimeSpan.Zero;
    private static readonly TimeSpan RetryStep = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    // Heartbeats unless the URL says otherwise (?heartbeat=0 turns them off): RabbitMQ.Client 7 can leave a connection
    // whose broker went away open and silent (no shutdown event, about one broker stop in four under load); two missed
    // heartbeats close it, so the consumer reconnects within seconds instead of waiting forever.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);

    private readonly Stopwatch _idle = Stopwatch.StartNew();
    private int _received;
    private bool _everConsumed;
    private bool _consuming;

    /// <summary>
    /// Connects and consumes, reconnecting after a lost connection. Until a consumer was registered once, every error
    /// is final (a wrong URL, a missing vhost or queue fails at once); so is one after the idle timeout ran out.
    /// </summary>
    public void Run()
    {
        var connection = context.Connect(heartbeat: Heartbeat);
        try
        {
            while (true)
            {
                _consuming = false;
                try
                {
                    ConsumeOn(connection);
                    return;
                }
                catch (Exception ex) when (settings.Reconnect && _everConsumed && !IdleTimedOut && IsConnectionLoss(connection, ex))
                {
                    context.Stderr.WriteLine(ErrorText.Warning(CliText.ConnectionLost(ex.Message), context.Url));
                }
                Discard(connection);
                // A new connection that failed before consuming again: pace the attempts as failed connects are.
                if (!_consuming)
                    Thread.Sleep(RetryStep);
                connection = Reconnect();
            }
        }
        finally
        {
            Discard(connection);
        }
    }

    private bool LimitReached => settings.Limit is { } limit && _received >= limit;

    private bool IdleTimedOut => _idle.Elapsed >= settings.Timeout;

    private void ConsumeOn(Connection connection)
    {
        EntityPreparation.Prepare(connection, settings.Exchange, settings.Queue, settings.RoutingKey);
        using var consumer = connection.CreateConsumer(queues: [settings.Queue], noAck: settings.NoAck, autoDeclare: false,
            onMessage: message => OnMessage(message, null), onDecodeError: OnMessage, accept: settings.Accept,
            prefetchCount: settings.Limit is { } n && !settings.NoAck ? Math.Min(n - _received, ushort.MaxValue) : null);
        consumer.Consume();
        _consuming = _everConsumed = true;
        while (!LimitReached)
        {
            var before = _received;
            TimeSpan? remaining = settings.Timeout is { } t ? t - _idle.Elapsed : null;
            try
            {
                connection.DrainEvents(remaining is { } r && r < TimeSpan.Zero ? TimeSpan.Zero : remaining);
            }
            catch (TimeoutException)
            {
                return;
            }
            if (_received == before && _idle.Elapsed >= settings.Timeout)
                return;
        }
    }

    private void OnMessage(Message message, Exception? decodeError)
    {
        if (LimitReached)
            return;
        _received++;
        MessagePrinter.Print(context.Stdout, message, decodeError, settings.NoAck, settings.Requeue);
        progress.Step();
        _idle.Restart();
    }

    /// <summary>Opens a new connection, retrying until the broker answers (or the idle timeout passes).</summary>
    private Connection Reconnect()
    {
        var connection = context.CreateConnection(Heartbeat);
        try
        {
            TimeSpan? remaining = settings.Timeout is { } t ? t - _idle.Elapsed : null;
            connection.EnsureConnection(
                errback: (ex, _) => context.Stderr.WriteLine(ErrorText.Warning(CliText.Reconnecting(ex.Message), context.Url)),
                intervalStart: RetryStart, intervalStep: RetryStep, intervalMax: RetryStep,
                timeout: remaining is { } r && r < MinimumWait ? MinimumWait : remaining);
            context.Stderr.WriteLine(ErrorText.Warning(CliText.Reconnected, context.Url));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static bool IsConnectionLoss(Connection connection, Exception ex) =>
        ex is not OperationalException &&
        connection.ConnectionErrors.Concat(connection.RecoverableConnectionErrors).Any(type => type.IsInstanceOfType(ex));

    private static void Discard(Connection connection)
    {
        try
        {
            connection.Dispose();
        }
        catch (Exception ex) when (ex is KombuException or IOException or ObjectDisposedException)
        {
            // The connection is already broken: nothing left to close.
        }
    }
}

using System.Collections.Concurrent;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitChannel = RabbitMQ.Client.IChannel;

namespace Kombu.Transport.Amqp;

/// <summary>A Kombu channel on a RabbitMQ.Client channel: every operation maps to the AMQP 0-9-1 method of the same name.</summary>
/// <remarks>
/// py-amqp's <c>amqp.Channel</c> as Kombu's <c>pyamqp</c> transport uses it. A channel error from the broker (such as 404 on a
/// passive declare) closes the channel: later operations raise <see cref="AmqpChannelException"/> and <see cref="IsOpen"/>
/// is false, so <see cref="Connection.DefaultChannel"/> opens a new one.
/// </remarks>
public sealed partial class AmqpChannel : IChannel, IReturnsMessages
{
    private readonly RabbitChannel _inner;
    private readonly AmqpConnection _connection;
    private readonly ConcurrentDictionary<string, AmqpConsumerEntry> _consumers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _noAckConsumers = new(StringComparer.Ordinal);
    private readonly SortedSet<ulong> _unacked = [];
    private readonly Lock _gate = new();
    private volatile bool _closed;

    internal AmqpChannel(AmqpTransport transport, AmqpConnection connection, RabbitChannel inner)
    {
        Transport = transport;
        _connection = connection;
        _inner = inner;
        inner.BasicReturnAsync += OnReturnAsync;
        inner.ChannelShutdownAsync += OnShutdownAsync;
        connection.Add(this);
    }

    /// <summary>Raised for each message the broker returns (a <c>mandatory</c> publish no queue took), on a driver thread.</summary>
    /// <remarks>Kombu's <c>channel.events['basic_return']</c>: the arguments are (error, exchange, routing key, message).</remarks>
    public event Action<Exception, string, string, IncomingMessage>? Returned;

    /// <inheritdoc/>
    public BrokerTransport Transport { get; }

    /// <inheritdoc/>
    public bool IsOpen => !_closed && _inner.IsOpen;

    /// <summary>The RabbitMQ.Client channel underneath.</summary>
    public RabbitChannel Inner => _inner;

    /// <summary>The channel number.</summary>
    public int ChannelNumber => _inner.ChannelNumber;

    /// <inheritdoc/>
    public IReadOnlySet<string> NoAckConsumers
    {
        get
        {
            lock (_gate)
                return new HashSet<string>(_noAckConsumers, StringComparer.Ordinal);
        }
    }

    /// <inheritdoc/>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_closed)
            return;
        _closed = true;
        _connection.Remove(this);
        _consumers.Clear();
        try
        {
            if (_inner.IsOpen)
                await _inner.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AmqpErrors.IsDriverError(ex))
        {
            throw AmqpErrors.Translate(ex, _connection.IsOpen);
        }
        finally
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"<AmqpChannel {_inner.ChannelNumber} open={IsOpen}>";

    private RabbitChannel Open()
    {
        // Using what is already closed is py-amqp's RecoverableConnectionError: Ensure reconnects and revives.
        if (_closed)
            throw new AmqpChannelClosedException(AmqpMessages.Closed("Channel", 0, "closed by the client"), 0, null);
        if (_inner.IsOpen)
            return _inner;
        if (!_connection.IsOpen)
        {
            var c = _connection.CloseReason;
            throw new AmqpRecoverableConnectionException(c is null ? AmqpMessages.ConnectionClosed : AmqpMessages.Closed("Connection", c),
                c?.ReplyCode ?? 0, null);
        }
        var r = _inner.CloseReason;
        throw new AmqpChannelClosedException(r is null ? AmqpMessages.Closed("Channel", 0, "") : AmqpMessages.Closed("Channel", r),
            r?.ReplyCode ?? 0, null);
    }

    private async ValueTask<T> CallAsync<T>(Func<RabbitChannel, CancellationToken, ValueTask<T>> operation,
        CancellationToken cancellationToken)
    {
        var channel = Open();
        try
        {
            return await operation(channel, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AmqpErrors.IsDriverError(ex))
        {
            throw AmqpErrors.Translate(ex, _connection.IsOpen);
        }
    }

    private ValueTask CallAsync(Func<RabbitChannel, CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        new(CallAsync(async (c, t) => { await operation(c, t).ConfigureAwait(false); return true; }, cancellationToken).AsTask());

    private Task OnReturnAsync(object sender, BasicReturnEventArgs e)
    {
        var handler = Returned;
        if (handler is null)
            return Task.CompletedTask;
        var info = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["exchange"] = e.Exchange,
            ["routing_key"] = e.RoutingKey,
        };
        var message = AmqpProperties.ToIncoming(this, e.BasicProperties, e.Body, info, 0);
        var error = new AmqpChannelException(AmqpMessages.Returned(e.ReplyCode, e.ReplyText), e.ReplyCode, null);
        handler(error, e.Exchange, e.RoutingKey, message);
        return Task.CompletedTask;
    }

    private Task OnShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        if (reason.Initiator != ShutdownInitiator.Application && !_consumers.IsEmpty && _connection.IsOpen)
        {
            var error = AmqpErrors.ChannelError(AmqpMessages.Closed("Channel", reason),
                reason.ReplyCode, null);
            _connection.Post(new AmqpDelivery(this, "", null, error));
        }
        return Task.CompletedTask;
    }
}

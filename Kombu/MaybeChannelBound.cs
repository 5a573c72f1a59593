using Kombu.Exceptions;
using Kombu.Transport;

namespace Kombu;

/// <summary>Base of entities that are plain declarations until bound to a channel, then can act on the broker.</summary>
/// <remarks>Kombu's <c>kombu.abstract.MaybeChannelBound</c>. Binding returns a bound copy; the original stays unbound.</remarks>
public abstract class MaybeChannelBound : IRevivable
{
    private IChannel? _channel;

    /// <summary>The channel the entity is bound to.</summary>
    /// <exception cref="NotBoundException">The entity is not bound.</exception>
    public IChannel Channel => _channel ?? throw new NotBoundException(ErrorMessages.NotBound(this, "channel"));

    /// <summary>Whether the entity is bound to a channel.</summary>
    public bool IsBound => _channel is not null;

    /// <summary>Whether <c>MaybeDeclare</c> may skip declaring the entity a second time.</summary>
    public abstract bool CanCacheDeclaration { get; }

    /// <summary>Rebinds the entity to <paramref name="channel"/> after a reconnect.</summary>
    /// <param name="channel">The new channel.</param>
    public void Revive(IChannel channel)
    {
        if (_channel is not null)
            SetChannel(channel);
    }

    /// <inheritdoc/>
    ValueTask IRevivable.ReviveAsync(IChannel channel, CancellationToken cancellationToken)
    {
        Revive(channel);
        return ValueTask.CompletedTask;
    }

    /// <summary>Called when the entity gets a channel, so it can bind what it owns.</summary>
    protected virtual void WhenBound()
    {
    }

    /// <summary>Binds this instance (not a copy) when it is not bound yet.</summary>
    /// <param name="channel">The channel, or <see langword="null"/> to do nothing.</param>
    protected void MaybeBindSelf(IChannel? channel)
    {
        if (_channel is null && channel is not null)
            SetChannel(channel);
    }

    /// <summary>Returns a copy of this entity bound to <paramref name="channel"/>.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="channel">The channel.</param>
    /// <returns>The bound copy.</returns>
    protected T BoundCopy<T>(IChannel channel) where T : MaybeChannelBound
    {
        var copy = (T)MemberwiseClone();
        copy._channel = null;
        copy.SetChannel(channel);
        return copy;
    }

    /// <summary>The channel to act on: the given one, else the bound one.</summary>
    /// <param name="channel">An explicit channel, or <see langword="null"/>.</param>
    /// <param name="operation">The operation name, for the error message.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="NotBoundException">No channel was given and the entity is not bound.</exception>
    protected IChannel ChannelFor(IChannel? channel, string operation) =>
        channel ?? _channel ?? throw new NotBoundException(ErrorMessages.NotBound(this, operation));

    private void SetChannel(IChannel channel)
    {
        _channel = channel;
        WhenBound();
    }
}

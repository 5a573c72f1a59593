using RabbitMQ.Client;

namespace Kombu.Transport.Amqp;

/// <summary>Creates <see cref="AmqPlainMechanism"/> instances: RabbitMQ's legacy AMQPLAIN login method, which RabbitMQ.Client lacks.</summary>
internal sealed class AmqPlainMechanismFactory : IAuthMechanismFactory
{
    /// <inheritdoc/>
    public string Name => "AMQPLAIN";

    /// <inheritdoc/>
    public IAuthMechanism GetInstance() => new AmqPlainMechanism();
}

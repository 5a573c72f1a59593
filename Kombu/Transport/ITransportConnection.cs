namespace Kombu.Transport;

/// <summary>A transport's own connection to its broker, made by <see cref="BrokerTransport.EstablishConnectionAsync"/>.</summary>
/// <remarks>
/// What Kombu keeps in <c>Connection.connection</c> (here <see cref="Connection.UnderlyingConnection"/>): the AMQP
/// connection, or the virtual transport itself, which is its own connection. Only its transport looks inside it.
/// </remarks>
public interface ITransportConnection;

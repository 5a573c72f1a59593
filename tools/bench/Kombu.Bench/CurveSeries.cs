namespace Kombu.Bench;

/// <summary>One line of a cost growth curve: a client on a broker, its rate at each point of the curve.</summary>
/// <param name="Label">Who ran, e.g. <c>redis ours</c> or <c>amqp raw</c>.</param>
/// <param name="Rates">Messages per second at each point, <see langword="null"/> where not measured.</param>
public sealed record CurveSeries(string Label, double?[] Rates);

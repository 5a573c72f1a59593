namespace Kombu.Cli;

/// <summary>The texts the tool prints about messages and the broker (errors, warnings), built in one place.</summary>
public static class CliText
{
    /// <summary>Printed once a lost connection is back.</summary>
    public const string Reconnected = "reconnected; consuming again";

    /// <summary>A received message part (such as deeply nested headers) cannot be written as JSON.</summary>
    /// <param name="reason">Why the serializer refused it.</param>
    public static string Unprintable(string reason) => $"message cannot be printed as JSON: {reason}";

    /// <summary>The connection was lost while consuming; the tool reconnects.</summary>
    /// <param name="reason">The transport's error.</param>
    public static string ConnectionLost(string reason) => $"connection lost ({reason}); reconnecting";

    /// <summary>A reconnect attempt failed; the tool tries again.</summary>
    /// <param name="reason">The transport's error.</param>
    public static string Reconnecting(string reason) => $"broker not reachable yet ({reason}); retrying";

    /// <summary><c>publish</c> stopped early: some messages are not known to be at the broker.</summary>
    /// <param name="missing">How many messages the broker did not confirm (or take).</param>
    /// <param name="count">How many were to be published.</param>
    /// <param name="confirming">Whether publisher confirms were on.</param>
    /// <param name="reason">The first error.</param>
    public static string NotPublished(int missing, int count, bool confirming, string reason) =>
        $"{missing} of {count} messages were not {(confirming ? "confirmed by the broker" : "accepted by the broker")}: {reason}";
}

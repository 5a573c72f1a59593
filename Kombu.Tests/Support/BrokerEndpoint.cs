using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Kombu.Tests.Support;

/// <summary>
/// Checks once per run that a broker the suite needs is listening, and fails (never skips) with the command that
/// starts it when it is not.
/// </summary>
internal static class BrokerEndpoint
{
    private static readonly ConcurrentDictionary<string, string?> Probes = new();

    /// <summary>Fails the calling test unless <paramref name="host"/>:<paramref name="port"/> accepts connections.</summary>
    /// <param name="name">The broker's name, for the message.</param>
    /// <param name="host">Host to probe.</param>
    /// <param name="port">Port to probe.</param>
    /// <param name="startCommand">The command that starts the broker.</param>
    public static void Require(string name, string host, int port, string startCommand)
    {
        var error = Probes.GetOrAdd($"{host}:{port}", _ => Probe(host, port));
        if (error is not null)
            Assert.Fail($"{name} is not reachable on {host}:{port} ({error}): start it with `{startCommand}`.");
    }

    private static string? Probe(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(3)))
                return "connection timed out";
            return null;
        }
        catch (Exception ex) when (ex is SocketException or AggregateException)
        {
            return ex.GetBaseException().Message;
        }
    }
}

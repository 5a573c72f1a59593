using System.Diagnostics;
using System.Net.Sockets;

namespace Kombu;

/// <summary>Sleeps between connection attempts, ending the sleep early when the broker's port, which refused, accepts again.</summary>
/// <remarks>
/// Kombu sleeps each retry interval out (2, 4, 6 … s), so a consumer can come back up to a whole interval after its broker.
/// This probe keeps that schedule and only cuts a sleep short on the change from refused to accepting: a bare TCP connect,
/// closed at once, a few times a second, which a down broker does not notice. A port that accepts but fails the handshake
/// (a stalled link, a broker still booting) gets Kombu's sleeps unchanged, so nothing is hammered.
/// </remarks>
internal sealed class BrokerPortProbe(string host, int port)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    private bool _refused;

    /// <summary>The host probed.</summary>
    public string Host => host;

    /// <summary>The port probed.</summary>
    public int Port => port;

    /// <summary>Sleeps for <paramref name="sleep"/>, or less if the port came back.</summary>
    /// <param name="sleep">The planned sleep.</param>
    /// <param name="cancellationToken">Stops the sleep.</param>
    /// <returns><see langword="true"/> when the sleep ended early because the broker's port accepts again.</returns>
    public async Task<bool> WaitAsync(TimeSpan sleep, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (sleep - Stopwatch.GetElapsedTime(start) is var left && left > TimeSpan.Zero)
        {
            var step = left < Period ? left : Period;
            var probed = Stopwatch.GetTimestamp();
            if (await AcceptsAsync(step, cancellationToken).ConfigureAwait(false))
            {
                if (_refused)
                {
                    _refused = false;
                    return true;
                }
                // Open all along: the failure was not a closed port, so the rest of the sleep is Kombu's.
                await Task.Delay(left - Stopwatch.GetElapsedTime(probed), cancellationToken).ConfigureAwait(false);
                return false;
            }
            _refused = true;
            var rest = step - Stopwatch.GetElapsedTime(probed);
            if (rest > TimeSpan.Zero)
                await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    private async Task<bool> AcceptsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

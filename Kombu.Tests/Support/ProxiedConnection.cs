using System.Net.Sockets;

namespace Kombu.Tests.Support;

/// <summary>One connection a <see cref="FaultProxy"/> forwards: the client's socket and the socket to the target.</summary>
internal sealed class ProxiedConnection(Socket client, Socket server)
{
    private int _closed;
    private int _cutArmed;

    /// <summary>Closes a socket with a TCP RST instead of a FIN (linger on, zero timeout).</summary>
    /// <param name="socket">The socket to reset.</param>
    public static void ResetSocket(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to reset.
        }
        socket.Dispose();
    }

    /// <summary>Arms <see cref="TakeCut"/>: the next chunk from the target is to be cut short.</summary>
    public void ArmCut() => Volatile.Write(ref _cutArmed, 1);

    /// <summary>Whether a cut was armed, disarming it.</summary>
    /// <returns><see langword="true"/> once per <see cref="ArmCut"/>.</returns>
    public bool TakeCut() => Interlocked.Exchange(ref _cutArmed, 0) == 1;

    /// <summary>Resets both sides, once.</summary>
    public void Reset()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        ResetSocket(client);
        ResetSocket(server);
    }

    /// <summary>Closes both sides gracefully, once.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        CloseSocket(client);
        CloseSocket(server);
    }

    /// <summary>Sends a FIN before closing: a socket disposed with a receive pending would otherwise send a RST.</summary>
    private static void CloseSocket(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset or closed.
        }
        socket.Dispose();
    }
}

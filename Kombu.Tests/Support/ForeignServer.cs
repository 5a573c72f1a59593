using System.Diagnostics;

namespace Kombu.Tests.Support;

/// <summary>A server process a test started itself (not through tools/brokers); disposing it kills it.</summary>
internal sealed class ForeignServer(Process process) : IDisposable
{
    /// <summary>Whether the server has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill();
        process.WaitForExit();
        process.Dispose();
    }
}

using Microsoft.Extensions.Logging;

namespace Kombu.Tests.Support;

/// <summary>A logger factory whose every category logs into one <see cref="RecordingLogger"/>.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    /// <summary>The logger every category shares.</summary>
    public RecordingLogger Logger { get; } = new();

    public ILogger CreateLogger(string categoryName) => Logger;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}

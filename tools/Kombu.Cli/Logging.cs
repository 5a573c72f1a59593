using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Kombu.Cli;

/// <summary>The logging <c>--verbose</c> turns on: the library's own log entries, one line each, on stderr.</summary>
public static class Logging
{
    /// <summary>Creates a console logger factory writing every entry from Debug up to stderr, so stdout keeps only results.</summary>
    /// <returns>The factory; dispose it to flush what is queued.</returns>
    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Debug)
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
            options.UseUtcTimestamp = true;
        }));
}

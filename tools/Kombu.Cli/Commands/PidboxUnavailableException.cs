namespace Kombu.Cli.Commands;

/// <summary>Raised by the pidbox commands until <c>Kombu.Pidbox</c> exists; reported with exit code 2.</summary>
public sealed class PidboxUnavailableException : Exception
{
    /// <summary>The exit code for this error.</summary>
    public const int ExitCode = 2;

    /// <summary>Creates the exception with the standard message.</summary>
    public PidboxUnavailableException() : base("pidbox is not available yet") { }
}

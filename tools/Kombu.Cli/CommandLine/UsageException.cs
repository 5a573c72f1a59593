namespace Kombu.Cli.CommandLine;

/// <summary>Bad command-line input: reported as one line on stderr with exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, on one line.</param>
    public UsageException(string message) : base(message) { }
}

namespace Kombu.Transport.Beanstalk;

/// <summary>Builds the texts of the beanstalk client's and transport's exceptions, in one place.</summary>
internal static class BeanstalkErrors
{
    public static string ConnectFailed(string host, int port, string reason) =>
        $"Cannot connect to beanstalkd at {host}:{port}: {reason}";

    public static string ConnectTimedOut(string host, int port, TimeSpan timeout) =>
        $"Cannot connect to beanstalkd at {host}:{port}: no answer within {timeout.TotalSeconds:0.###} s";

    public static string ConnectionLost(string endpoint, string command, string reason) =>
        $"Connection to beanstalkd at {endpoint} lost during '{command}': {reason}";

    public static string ClientClosed(string endpoint) =>
        $"The beanstalk client for {endpoint} is closed (closed by the caller, or after a lost connection or a malformed reply).";

    public static string Malformed(string command, string detail) =>
        $"Malformed reply from beanstalkd to '{command}': {detail}";

    public static string Unexpected(string command, string line) =>
        $"Malformed reply from beanstalkd to '{command}': unexpected reply '{Printable(line)}'";

    public static string InvalidName(string name) =>
        $"Invalid beanstalk tube name '{Printable(name)}': it must be 1 to 200 bytes without spaces or line breaks.";

    public static string ServerError(string command, string status) => status switch
    {
        "OUT_OF_MEMORY" => $"beanstalkd is out of memory and refused '{command}' (OUT_OF_MEMORY).",
        "INTERNAL_ERROR" => $"beanstalkd hit an internal error during '{command}' (INTERNAL_ERROR).",
        "BAD_FORMAT" => $"beanstalkd rejected '{command}' as badly formed (BAD_FORMAT); tube names allow only letters, digits and -+/;.$_() and may not start with '-'.",
        "UNKNOWN_COMMAND" => $"beanstalkd does not know the command '{command}' (UNKNOWN_COMMAND).",
        "JOB_TOO_BIG" => $"The job is larger than beanstalkd's max-job-size (JOB_TOO_BIG, default 65535 bytes; start beanstalkd with -z to raise it).",
        "EXPECTED_CRLF" => "beanstalkd expected CRLF after the job body (EXPECTED_CRLF).",
        "DRAINING" => $"beanstalkd is draining and accepts no new jobs (DRAINING) for '{command}'.",
        "NOT_FOUND" => $"beanstalkd found no such job or tube for '{command}' (NOT_FOUND).",
        "NOT_IGNORED" => $"beanstalkd refused '{command}': a connection must watch at least one tube (NOT_IGNORED).",
        "DEADLINE_SOON" => $"A job reserved on this connection is about to exceed its time-to-run (DEADLINE_SOON) during '{command}'.",
        "BURIED" => $"beanstalkd buried the job during '{command}' because it ran out of memory (BURIED).",
        _ => $"beanstalkd answered '{command}' with the error {status}.",
    };

    public static string FanoutNotSupported(string exchange) =>
        $"Fanout exchange '{exchange}' is not supported by the beanstalk transport: beanstalkd has no publish/subscribe and Kombu keeps " +
        "bindings in each process's memory, so no broadcast table can be shared (Kombu's beanstalk transport had no fanout either).";

    private static string Printable(string text) =>
        text.Length > 80 ? text[..80].ReplaceLineEndings("\\n") + "…" : text.ReplaceLineEndings("\\n");
}

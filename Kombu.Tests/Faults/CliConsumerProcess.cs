using System.Diagnostics;
using Kombu.Serialization;

namespace Kombu.Tests.Faults;

/// <summary>
/// <c>kombu consume</c> running as a child process (the CLI built with the tests), whose printed messages are recorded in
/// a <see cref="DeliveryLedger"/>: the consumer the fault suite kills with SIGKILL or runs through broker faults.
/// </summary>
internal sealed class CliConsumerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task _reading;
    private readonly StringWriter _stderr = new();
    private readonly TaskCompletionSource _resumeReading = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts <c>kombu consume --url URL --queue QUEUE</c>, recording each printed body in <paramref name="ledger"/>.</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="queue">The queue.</param>
    /// <param name="ledger">Where printed bodies are recorded.</param>
    /// <param name="pauseAfter">
    /// Stop reading the child's output after this many lines until <see cref="Kill"/>: once the pipe is full the child
    /// blocks writing the next message, which it then holds unacknowledged and unprinted (see <see cref="IsBlockedWritingOutput"/>).
    /// </param>
    public CliConsumerProcess(string url, string queue, DeliveryLedger ledger, int? pauseAfter = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Kombu.Cli.dll"), "consume", "--url", url, "--queue", queue])
            info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the kombu CLI");
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                    _stderr.WriteLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        _reading = Task.Run(async () =>
        {
            var lines = 0;
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (++lines == pauseAfter)
                    await _resumeReading.Task;
                IDictionary<string, object?> record;
                try
                {
                    record = (IDictionary<string, object?>)KombuJson.Deserialize(line)!;
                }
                catch (Exceptions.DecodeException)
                {
                    // The last line of a killed child can be cut short: that message was not printed (nor acknowledged).
                    continue;
                }
                if (record["body"] is long id)
                    ledger.Record(id);
            }
        });
    }

    /// <summary>What the child wrote on stderr so far (its reconnect warnings, its error).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>
    /// Whether a thread of the child is blocked writing to its full stdout pipe (Linux: the thread's kernel wait channel
    /// is the pipe write, or its current system call is x86-64 <c>write(1, …)</c>).
    /// </summary>
    public bool IsBlockedWritingOutput
    {
        get
        {
            try
            {
                return Directory.EnumerateDirectories($"/proc/{_process.Id}/task").Any(task =>
                    File.ReadAllText(Path.Combine(task, "wchan")).Contains("pipe_write", StringComparison.Ordinal) ||
                    File.ReadAllText(Path.Combine(task, "syscall")).StartsWith("1 0x1 ", StringComparison.Ordinal));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The child (or one of its threads) is gone.
                return false;
            }
        }
    }

    /// <summary>Whether the child has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The child's exit code (after it exited).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Kills the child with SIGKILL (no chance to acknowledge or restore anything) and reads what it printed.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
        _resumeReading.TrySetResult();
        _reading.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits for the child to exit on its own.</summary>
    /// <returns>Whether it exited within <paramref name="timeout"/>.</returns>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            return false;
        _process.WaitForExit();
        _reading.Wait(TimeSpan.FromSeconds(10));
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }
}

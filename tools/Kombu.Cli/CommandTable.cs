using Kombu.Cli.Commands;

namespace Kombu.Cli;

/// <summary>Every <c>kombu</c> command, looked up by its name (one word, or two for <c>declare</c>/<c>delete</c>/<c>celery</c>).</summary>
public static class CommandTable
{
    /// <summary>The commands in the order help lists them.</summary>
    public static IReadOnlyList<ICommand> All { get; } =
    [
        new DemoCommand(), new PublishCommand(), new ConsumeCommand(), new DeclareExchangeCommand(),
        new DeclareQueueCommand(), new DeclareBindingCommand(), new PurgeCommand(), new SizeCommand(),
        new DeleteExchangeCommand(), new DeleteQueueCommand(), new CallCommand(), new ListenCommand(),
        new CelerySendCommand(), new CeleryWorkerCommand(), new CeleryResultCommand(), new CeleryInspectCommand(),
    ];

    /// <summary>Commands whose name is two words: the group word, then the kind.</summary>
    public static IReadOnlySet<string> Groups { get; } = new HashSet<string>(StringComparer.Ordinal) { "declare", "delete", "celery" };

    /// <summary>Finds a command by name.</summary>
    /// <param name="name">The command name, such as <c>publish</c> or <c>declare queue</c>.</param>
    /// <returns>The command, or <see langword="null"/>.</returns>
    public static ICommand? Find(string name) => All.FirstOrDefault(c => c.Spec.Name == name);
}

namespace Kombu.Cli.CommandLine;

/// <summary>Parses a command's arguments against its <see cref="CommandSpec"/>: <c>--name value</c>, <c>--name=value</c>, flags and positionals.</summary>
public static class ArgumentParser
{
    /// <summary>Parses <paramref name="args"/> (the arguments after the command name).</summary>
    /// <param name="spec">What the command accepts.</param>
    /// <param name="args">The arguments; <c>--</c> ends the options.</param>
    /// <returns>The parsed arguments.</returns>
    /// <exception cref="UsageException">An option is unknown, lacks its value, is repeated when it may not be, or the positional count is wrong.</exception>
    public static ParsedArguments Parse(CommandSpec spec, IReadOnlyList<string> args)
    {
        var result = new ParsedArguments(spec);
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || !arg.StartsWith("--", StringComparison.Ordinal))
            {
                result.Positionals.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (spec.IsFlag(name))
            {
                if (eq > 0)
                    throw new UsageException($"{spec.Name}: option {name} takes no value");
                result.AddFlag(name);
            }
            else if (spec.TakesValue(name))
            {
                string value;
                if (eq > 0)
                    value = arg[(eq + 1)..];
                else if (i + 1 < args.Count)
                    value = args[++i];
                else
                    throw new UsageException($"{spec.Name}: option {name} needs a value");
                if (result.Has(name) && !spec.IsRepeatable(name))
                    throw new UsageException($"{spec.Name}: option {name} given more than once");
                result.AddValue(name, value);
            }
            else
            {
                throw new UsageException($"{spec.Name}: unknown option {name} (see 'kombu help {spec.Name}')");
            }
        }
        if (!result.Has("--help"))
            CheckPositionals(spec, result.Positionals.Count);
        return result;
    }

    private static void CheckPositionals(CommandSpec spec, int count)
    {
        if (count < spec.MinPositionals)
            throw new UsageException($"{spec.Name}: missing argument (usage: kombu {spec.Name} {spec.Synopsis})");
        if (count > spec.MaxPositionals)
            throw new UsageException($"{spec.Name}: too many arguments (usage: kombu {spec.Name} {spec.Synopsis})");
    }
}

namespace Daemon.Cli;

/// <summary>Parsed <c>ctl</c> arguments: positionals, <c>--flag</c> switches and <c>--name value</c> options.</summary>
internal sealed class CtlArguments
{
    private static readonly HashSet<string> Switches =
        ["--empty", "--from-backup", "--full", "--immediate", "--backup", "--backup-logs", "--no-remote-storage"];

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);

    /// <summary>Arguments that are neither switches nor options, in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>Parses the arguments; throws <see cref="CtlUsageException"/> for a dangling option.</summary>
    public static CtlArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new CtlArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (Switches.Contains(arg)) parsed._switches.Add(arg);
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count) throw new CtlUsageException($"{arg} needs a value");
                parsed._options[arg] = args[++i];
            }
            else parsed.Positionals.Add(arg);
        }
        return parsed;
    }

    /// <summary>True when the switch was given.</summary>
    public bool Has(string name) => _switches.Contains(name);

    /// <summary>The option's value, or null.</summary>
    public string? Get(string name) => _options.GetValueOrDefault(name);

    /// <summary>The positional at <paramref name="index"/>, or a usage error naming it.</summary>
    public string Require(int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new CtlUsageException($"missing {what}");
}

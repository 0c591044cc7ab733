namespace Facade.Load;

/// <summary>Sizes and time limits of one load run, from the command line.</summary>
internal sealed record LoadOptions
{
    public int BlobMiB { get; init; } = 256;
    public int Clients { get; init; } = 32;
    public int ManifestConnections { get; init; } = 64;
    public TimeSpan BlobDuration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ManifestDuration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ColdPullLimit { get; init; } = TimeSpan.FromMinutes(3);
    public string ResultsDirectory { get; init; } = "";
    public string FacadeDll { get; init; } = "";
    public string RepoRoot { get; init; } = "";

    /// <summary>Which runs to do; all three when none was named on the command line.</summary>
    public BenchParts Parts { get; init; } = BenchParts.All;
    public int IpfsBlobMiB { get; init; } = 64;
    public int IpfsPulls { get; init; } = 5;
    public int ColdRounds { get; init; } = 3;
    public int ColdClients { get; init; } = 16;
    public int ComposeRepeats { get; init; } = 200;
    public int ComposeConnections { get; init; } = 16;
    public TimeSpan ComposeDuration { get; init; } = TimeSpan.FromSeconds(5);
    public int SoakMinutes { get; init; } = 30;

    /// <summary>The TLS run's capped link, in Mbit/s each way (1000: a gigabit path).</summary>
    public int LinkMbit { get; init; } = 1000;

    public const string Usage = """
        usage: Facade.Load [--repo-root DIR] [--results DIR] [--facade-dll PATH] [--blob-mib N]
                           [--clients N] [--connections N] [--seconds S] [--manifest-seconds S] [--quick]
                           [--load] [--ipfs] [--compose] [--ipfs-mib N] [--ipfs-pulls N] [--soak [--minutes N]]
                           [--cold [--cold-rounds N] [--cold-clients N]] [--tls [--cold-rounds N] [--link-mbit N]]
          --quick   64 MiB blob, 3 s per measurement (a smoke run; not for the README tables)
          --load / --ipfs / --compose   run only the named parts (default: all three)
          --cold    cold pulls (1 and --cold-clients at once) through the facade, the proxy and direct
          --tls     a TLS + HTTP/2 registry at 20 ms RTT: facade cold pull vs a direct client, --cold-rounds rounds;
                    also on a link capped at --link-mbit (default 1000) Mbit/s each way
          --soak    mixed load for --minutes (default 30) with a flapping upstream and a restart
        """;

    /// <summary>Parses arguments; throws <see cref="ArgumentException"/> with the usage on bad input.</summary>
    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        string? root = null;
        var named = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options = options with { BlobMiB = 64, BlobDuration = TimeSpan.FromSeconds(3), ManifestDuration = TimeSpan.FromSeconds(3) };
                continue;
            }
            if (BenchPartsParser.TryParse(name, out var part))
            {
                // The first named part replaces the default of all parts.
                options = options with { Parts = (named ? options.Parts : BenchParts.None) | part };
                named = true;
                continue;
            }
            if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value\n{Usage}");
            var value = args[++i];
            options = name switch
            {
                "--repo-root" => options,
                "--results" => options with { ResultsDirectory = Path.GetFullPath(value) },
                "--facade-dll" => options with { FacadeDll = Path.GetFullPath(value) },
                "--blob-mib" => options with { BlobMiB = Positive(name, value, 4096) },
                "--clients" => options with { Clients = Positive(name, value, 256) },
                "--connections" => options with { ManifestConnections = Positive(name, value, 1024) },
                "--seconds" => options with { BlobDuration = TimeSpan.FromSeconds(Positive(name, value, 120)) },
                "--ipfs-mib" => options with { IpfsBlobMiB = Positive(name, value, 1024) },
                "--ipfs-pulls" => options with { IpfsPulls = Positive(name, value, 20) },
                "--cold-rounds" => options with { ColdRounds = Positive(name, value, 20) },
                "--link-mbit" => options with { LinkMbit = Positive(name, value, 100_000) },
                "--cold-clients" => options with { ColdClients = Positive(name, value, 64) },
                "--minutes" => options with { SoakMinutes = Positive(name, value, 24 * 60) },
                "--manifest-seconds" => options with { ManifestDuration = TimeSpan.FromSeconds(Positive(name, value, 120)) },
                _ => throw new ArgumentException($"unknown option {name}\n{Usage}"),
            };
            if (name == "--repo-root") root = Path.GetFullPath(value);
        }
        root ??= FindRepoRoot();
        options = options with { RepoRoot = root };
        if (options.ResultsDirectory.Length == 0) options = options with { ResultsDirectory = Path.Combine(root, "bench", "results") };
        if (options.FacadeDll.Length == 0)
            options = options with { FacadeDll = Path.Combine(root, "src", "Facade", "bin", "Release", "net10.0", "Facade.dll") };
        if (!File.Exists(options.FacadeDll))
            throw new ArgumentException($"facade not built at {options.FacadeDll}: run 'dotnet build src/Facade -c Release' first");
        return options;
    }

    private static int Positive(string name, string value, int max) =>
        int.TryParse(value, out var n) && n > 0 && n <= max ? n : throw new ArgumentException($"{name} must be an integer in 1..{max}, got '{value}'");

    // The folder holding Facade.sln, from the working directory upwards.
    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Facade.sln"))) return dir.FullName;
        throw new ArgumentException("run from inside the repository or pass --repo-root");
    }
}

using Facade.Shared.Cli;

namespace Facade.Cli;

/// <summary>
/// Writes <c>&lt;certs-dir&gt;/&lt;registry&gt;/hosts.toml</c> so containerd uses the facade as a
/// pull and resolve mirror for each registry (containerd then adds <c>?ns=&lt;registry&gt;</c>).
/// </summary>
internal static class SetupContainerdCommand
{
    public const string DefaultCertsDir = "/etc/containerd/certs.d";

    private const string Usage = """
        usage: Facade setup-containerd --facade URL [--registry NAME ...] [--certs-dir DIR] [--server URL]

        Writes <certs-dir>/<registry>/hosts.toml for each registry so containerd pulls and
        resolves through the facade (it adds ?ns=<registry> to each request).
          --facade URL      the facade's http(s) URL, as containerd reaches it (required)
          --registry NAME   a registry to mirror; repeatable (default: docker.io)
          --certs-dir DIR   containerd's config_path (default: /etc/containerd/certs.d)
          --server URL      the registry's own address containerd falls back to (default:
                            containerd's own for NAME)
        """;

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (CommandSwitches.WantsHelp(args))
        {
            output.WriteLine(Usage);
            return 0;
        }
        string? facade = null;
        string certsDir = DefaultCertsDir;
        string? server = null;
        var registries = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--facade": facade = Next(); break;
                    case "--certs-dir": certsDir = Next(); break;
                    case "--registry": registries.Add(Next()); break;
                    case "--server": server = Next(); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            catch (ArgumentException e)
            {
                errors.WriteLine(e.Message);
                return 2;
            }
        }
        if (facade is null || !Uri.TryCreate(facade, UriKind.Absolute, out var facadeUri) || facadeUri.Scheme is not ("http" or "https"))
        {
            errors.WriteLine("--facade must be the facade's http(s) URL");
            return 2;
        }
        if (registries.Count == 0) registries.Add("docker.io");
        foreach (var registry in registries)
        {
            if (registry.Contains('/') || registry.Contains("..", StringComparison.Ordinal) || registry.Length == 0)
            {
                errors.WriteLine($"invalid registry name '{registry}'");
                return 2;
            }
            var dir = Path.Combine(certsDir, registry);
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "hosts.toml");
            File.WriteAllText(path, HostsToml.Render(registry, facadeUri, server));
            output.WriteLine($"wrote {path}");
        }
        return 0;
    }
}

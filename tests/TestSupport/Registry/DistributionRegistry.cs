using Facade.Shared.Client;

namespace Facade.TestSupport;

/// <summary>
/// The reference registry (<c>docker-registry serve</c>, distribution 2.8) on 127.0.0.1 with a
/// free port and filesystem storage in a temp dir; optionally with htpasswd or token auth, as a
/// pull-through proxy of another registry, or behind a <see cref="CountingProxy"/>.
/// Dispose stops the process and deletes its storage.
/// </summary>
public sealed class DistributionRegistry : IAsyncDisposable
{
    /// <summary>The program this fixture runs.</summary>
    public const string Program = "docker-registry";

    private const int StartAttempts = 3;
    private readonly TempDir _dir;
    private ProcessHost? _process;

    private DistributionRegistry(TempDir dir, DistributionRegistryOptions options)
    {
        _dir = dir;
        Options = options;
    }

    /// <summary>How the registry runs.</summary>
    public DistributionRegistryOptions Options { get; }

    /// <summary>The registry's own address, bypassing any counting proxy.</summary>
    public Uri DirectUri { get; private set; } = null!;

    /// <summary>Where clients should connect: the counting proxy when enabled, else <see cref="DirectUri"/>.</summary>
    public Uri BaseUri => Counter?.BaseUri ?? DirectUri;

    /// <summary><c>127.0.0.1:port</c> of <see cref="BaseUri"/>.</summary>
    public string Authority => BaseUri.Authority;

    /// <summary>The request counter in front of the registry, when <see cref="DistributionRegistryOptions.Counting"/> is set.</summary>
    public CountingProxy? Counter { get; private set; }

    /// <summary>The registry's last output lines (its access log when not quiet).</summary>
    public string Output => _process?.Output.ToString() ?? "";

    /// <summary>The storage root directory.</summary>
    public string DataDirectory => _dir["data"];

    private bool _disposed;

    /// <summary>Starts a registry; throws with its output when it does not come up.</summary>
    public static async Task<DistributionRegistry> StartAsync(DistributionRegistryOptions? options = null)
    {
        var tool = RequiredTool.Require(Program);
        var registry = new DistributionRegistry(new TempDir("reg"), options ?? new DistributionRegistryOptions());
        try
        {
            await registry.LaunchAsync(tool);
            if (registry.Options.Counting) registry.Counter = await CountingProxy.StartAsync(registry.DirectUri);
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    private async Task LaunchAsync(string tool)
    {
        string? htpasswd = null;
        if (Options.HtpasswdUsers.Count > 0)
        {
            htpasswd = _dir["htpasswd"];
            await Htpasswd.WriteAsync(htpasswd, Options.HtpasswdUsers);
        }
        Directory.CreateDirectory(DataDirectory);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var config = _dir.WriteFile("config.yml", RegistryConfig.Render(Options, DataDirectory, port, htpasswd));
            DirectUri = new Uri($"http://{Options.Host}:{port}/");
            _process = ProcessHost.Start(tool, ["serve", config]);
            try
            {
                await _process.WaitForHttpAsync(new Uri(DirectUri, "/v2/"));
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && _process.Output.Contains("address already in use"))
            {
                await _process.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A client of <see cref="BaseUri"/> with the project's handler chain. A credential is
    /// registered for this registry's host; with token auth the token server's host is trusted to
    /// receive it (the realm is on another port, so it would not get it by default).
    /// </summary>
    public RegistryClient CreateClient(RegistryCredential? credential = null, RetryOptions? retry = null)
    {
        var store = new CredentialStore();
        if (credential is not null)
        {
            if (Options.Token is { } token)
                credential = credential with { TrustedRealmHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { token.Authority } };
            store.Add(Authority, credential);
        }
        return RegistryClient.Create(BaseUri, new RegistryHttpOptions { Credentials = store, Retry = retry ?? new RetryOptions() });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Tests stop the registry mid-test to simulate an outage; the final dispose is then a no-op.
        if (_disposed) return;
        _disposed = true;
        if (Counter is not null) await Counter.DisposeAsync();
        if (_process is not null) await _process.DisposeAsync();
        _dir.Dispose();
    }
}

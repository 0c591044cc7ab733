using Facade.Shared.Client;

namespace Facade.TestSupport;

/// <summary>
/// The reference registry (<c>docker-registry serve</c>, distribution 2.8) on 127.0.0.1 with a
/// free port and filesystem storage in a temp dir; optionally with htpasswd or token auth, as a
/// pull-through proxy of another registry, behind a <see cref="CountingProxy"/>, or on HTTPS (with HTTP/2).
/// Dispose stops the process and deletes its storage.
/// </summary>
public sealed class DistributionRegistry : IAsyncDisposable
{
    /// <summary>The program this fixture runs.</summary>
    public const string Program = "docker-registry";

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

    /// <summary>
    /// The first output line containing <paramref name="text"/> (an access-log line, when not
    /// quiet), polled until <paramref name="timeout"/>: the registry logs a request after answering it.
    /// </summary>
    public async Task<string> WaitForOutputLineAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_process?.Output.Find(text) is { } line) return line;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the registry logged no line with '{text}'; its output:\n{Output}");
            await Task.Delay(20);
        }
    }

    /// <summary>The PEM file of the CA that issued the registry's certificate (with <see cref="DistributionRegistryOptions.Tls"/>).</summary>
    public string CaFile => _dir["ca.pem"];

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
        var tls = await WriteTlsFilesAsync();
        var scheme = tls is null ? "http" : "https";
        var (process, port) = await ProcessHost.StartOnFreePortAsync(
            port => ProcessHost.Start(tool, ["serve", _dir.WriteFile("config.yml", RegistryConfig.Render(Options, DataDirectory, port, htpasswd, tls))]),
            (process, port) => process.WaitForHttpAsync(new Uri($"{scheme}://{Options.Host}:{port}/v2/"),
                certificateCheck: tls is null ? null : TrustedRoots.FromPemFile(CaFile).Validate));
        _process = process;
        DirectUri = new Uri($"{scheme}://{Options.Host}:{port}/");
    }

    /// <summary>With TLS: the server certificate and key files and the CA file; null without.</summary>
    private async Task<(string Certificate, string Key)?> WriteTlsFilesAsync()
    {
        if (Options.Tls is not { } authority) return null;
        if (Options.Counting) throw new ArgumentException("a TLS registry cannot sit behind the plain-HTTP counting proxy");
        var (certificate, key) = authority.IssueServerPem(System.Net.IPAddress.Parse(Options.Host));
        await File.WriteAllTextAsync(CaFile, authority.AuthorityPem);
        await File.WriteAllTextAsync(_dir["server.pem"], certificate);
        await File.WriteAllTextAsync(_dir["server-key.pem"], key);
        return (_dir["server.pem"], _dir["server-key.pem"]);
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
        return RegistryClient.Create(BaseUri, new RegistryHttpOptions
        {
            Credentials = store,
            Retry = retry ?? new RetryOptions(),
            TrustedRoots = Options.Tls is null ? null : TrustedRoots.FromPemFile(CaFile),
        });
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

using Facade.TestSupport;

namespace Facade.Load.Host;

/// <summary>
/// The native floor relay (<c>bench/Floor/floor-relay.c</c>): the least work a verifying
/// pull-through cache does per byte, as a C program with no runtime, run beside the facade so a
/// CPU or throughput figure can be read against what the work itself costs on this machine.
/// Built once per run with <c>gcc</c> and OpenSSL's <c>libcrypto</c>; dispose kills the process
/// and deletes its files.
/// </summary>
internal sealed class FloorRelay : IAsyncDisposable
{
    private readonly ProcessHost _process;
    private readonly TempDir _files;

    private FloorRelay(ProcessHost process, TempDir files, Uri baseUri)
    {
        _process = process;
        _files = files;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int Pid => _process.Id;

    /// <summary>
    /// Compiles the relay into <paramref name="outputDirectory"/>; returns its path, or null and
    /// the reason (no compiler, no OpenSSL headers, a compile error) for the report.
    /// </summary>
    public static async Task<(string? Binary, string? Reason)> BuildAsync(string repoRoot, string outputDirectory, CancellationToken ct)
    {
        var source = Path.Combine(repoRoot, "bench", "Floor", "floor-relay.c");
        var binary = Path.Combine(outputDirectory, "floor-relay");
        try
        {
            ct.ThrowIfCancellationRequested();
            var gcc = await Tool.RunAsync("gcc", ["-O2", "-Wall", "-Wextra", "-Werror", "-o", binary, source, "-lcrypto"], TimeSpan.FromMinutes(1));
            return gcc.ExitCode == 0 && File.Exists(binary)
                ? (binary, null)
                : (null, $"gcc exited with {gcc.ExitCode} (it needs the Debian packages gcc and libssl-dev): {gcc.StandardError.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"gcc could not be started ({e.Message}); install the Debian packages gcc and libssl-dev");
        }
    }

    /// <summary>
    /// Starts the relay in <paramref name="mode"/> (<c>forward</c> or <c>cache</c>) in front of a
    /// registry at <paramref name="origin"/>, or, given <paramref name="ipfsCid"/>, in front of the
    /// IPFS node whose RPC API is at <paramref name="origin"/>, serving that CID (of
    /// <paramref name="size"/> bytes) for any blob path.
    /// </summary>
    public static async Task<FloorRelay> StartAsync(string binary, Uri origin, string mode, string? ipfsCid = null, long size = 0)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string[] ipfs = ipfsCid is null ? [] : [ipfsCid, size.ToString(invariant)];
        var files = new TempDir("floor");
        try
        {
            var (process, port) = await ProcessHost.StartOnFreePortAsync(
                port => ProcessHost.Start(binary, [port.ToString(invariant), origin.Port.ToString(invariant), mode, files.Path, .. ipfs]),
                (process, port) => process.WaitForHttpAsync(new Uri($"http://127.0.0.1:{port}/v2/"), TimeSpan.FromSeconds(10)));
            return new FloorRelay(process, files, new Uri($"http://127.0.0.1:{port}/"));
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _files.Dispose();
    }
}

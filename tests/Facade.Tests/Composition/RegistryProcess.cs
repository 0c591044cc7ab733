using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Facade.Tests.Composition;

/// <summary>
/// A real Debian docker-registry (CNCF distribution) on 127.0.0.1 with a random port and
/// filesystem storage in a temp dir; stopped (process tree killed) on dispose.
/// </summary>
internal sealed class RegistryProcess : IAsyncDisposable
{
    private const string Binary = "/usr/bin/docker-registry";
    private readonly Process _process;
    private readonly TempDirectory _directory;

    private RegistryProcess(Process process, TempDirectory directory, string host)
    {
        _process = process;
        _directory = directory;
        Host = host;
    }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Host { get; }

    public static bool IsInstalled => File.Exists(Binary);

    public static async Task<RegistryProcess> StartAsync()
    {
        var directory = new TempDirectory();
        var port = FreePort();
        var config = directory.File("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {directory.File("data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """);
        var process = Process.Start(new ProcessStartInfo(Binary, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new RegistryProcess(process, directory, $"127.0.0.1:{port}");
        await registry.WaitReadyAsync();
        return registry;
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync($"http://{Host}/v2/")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        await DisposeAsync();
        throw new TimeoutException("docker-registry did not become ready in 20 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _directory.Dispose();
    }
}

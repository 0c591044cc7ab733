using System.Diagnostics;
using System.Net.Security;

namespace Facade.TestSupport;

/// <summary>
/// A long-running process started for a test: its output goes to a ring buffer (for failure
/// messages), <see cref="WaitForHttpAsync"/> waits until it serves, and disposing kills the whole
/// process tree and waits for it to exit.
/// </summary>
public sealed class ProcessHost : IAsyncDisposable
{
    private readonly Process _process;

    private ProcessHost(Process process, string description, int outputLines)
    {
        _process = process;
        Description = description;
        Output = new OutputTail(outputLines);
    }

    /// <summary>The command line, for messages.</summary>
    public string Description { get; }

    /// <summary>The last lines of standard output and error, interleaved.</summary>
    public OutputTail Output { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts a process with an argument list (no shell), keeping its last <paramref name="outputLines"/>
    /// lines of output (raise it to read a whole log).
    /// </summary>
    public static ProcessHost Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, int outputLines = 200)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new ProcessHost(process, fileName + " " + string.Join(' ', info.ArgumentList), outputLines);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host.Output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host.Output.Add(e.Data); };
        if (!process.Start()) throw new InvalidOperationException($"could not start '{host.Description}'");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>
    /// Starts a server on a port <see cref="FreePort"/> just handed out and waits until it is ready.
    /// Another process may take the port between the two; when the server's output says so, it is
    /// started again on a new port, at most <paramref name="attempts"/> times. On any other failure
    /// the process is stopped and the failure thrown.
    /// </summary>
    public static async Task<(ProcessHost Process, int Port)> StartOnFreePortAsync(
        Func<int, ProcessHost> start, Func<ProcessHost, int, Task> waitUntilReady, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var process = start(port);
            try
            {
                await waitUntilReady(process, port);
                return (process, port);
            }
            // Go and .NET servers say it in lower case, libc's perror capitalised.
            catch (InvalidOperationException) when (attempt < attempts && process.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await process.DisposeAsync();
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Polls <paramref name="url"/> until it gives any HTTP answer (a 401 counts: the server is up).
    /// Throws with the process output when the process exits or the timeout passes. An https
    /// <paramref name="url"/> is checked with <paramref name="certificateCheck"/> (a server behind a test CA).
    /// </summary>
    public async Task WaitForHttpAsync(Uri url, TimeSpan? timeout = null, RemoteCertificateValidationCallback? certificateCheck = null)
    {
        var handler = new SocketsHttpHandler { UseProxy = false };
        if (certificateCheck is not null) handler.SslOptions.RemoteCertificateValidationCallback = certificateCheck;
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw Failure($"exited with {_process.ExitCode} before serving {url}");
            try
            {
                using var response = await http.GetAsync(url);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(50);
            }
        }
        throw Failure($"did not serve {url} within {timeout ?? TimeSpan.FromSeconds(20)}");
    }

    /// <summary>Waits until a file (a Unix socket, say) exists, with the same failure rules.</summary>
    public async Task WaitForFileAsync(string path, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw Failure($"exited with {_process.ExitCode} before creating {path}");
            if (File.Exists(path)) return;
            await Task.Delay(50);
        }
        throw Failure($"did not create {path} within {timeout ?? TimeSpan.FromSeconds(20)}");
    }

    /// <summary>An exception whose message carries the command and its last output lines.</summary>
    public InvalidOperationException Failure(string what) =>
        new($"'{Description}' {what}\n--- output ---\n{Output}");

    /// <summary>Kills the process tree and waits (bounded) for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(limit.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or refusing to die: nothing more a test can do.
        }
        _process.Dispose();
    }

    private const int SignalTerminate = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Asks the process to stop with SIGTERM and waits up to <paramref name="grace"/>; kills it after.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, SignalTerminate);
        using var limit = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }
}

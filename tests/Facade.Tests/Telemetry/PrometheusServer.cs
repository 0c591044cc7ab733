using System.Globalization;
using System.Text.Json;
using Facade.TestSupport;

namespace Facade.Tests.Telemetry;

/// <summary>
/// A real Prometheus server (Debian <c>prometheus</c>) on a free port with a throwaway TSDB,
/// scraping one target every second; <see cref="QueryAsync"/> asks its HTTP API.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Program = "prometheus";
    private readonly TempDir _dir;
    private readonly ProcessHost _process;
    private readonly HttpClient _http;

    private PrometheusServer(TempDir dir, ProcessHost process, Uri address)
    {
        _dir = dir;
        _process = process;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Starts Prometheus scraping <c>http://{target}/metrics</c> as job <paramref name="job"/>.</summary>
    public static async Task<PrometheusServer> StartAsync(string target, string job)
    {
        var dir = new TempDir("prometheus");
        var config = dir.WriteFile("prometheus.yml", $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: {job}
                metrics_path: /metrics
                static_configs:
                  - targets: ['{target}']
            """);
        var port = FreePort.Next();
        var process = ProcessHost.Start(Program, [
            $"--config.file={config}", $"--storage.tsdb.path={dir.CreateDirectory("data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]);
        var address = new Uri($"http://127.0.0.1:{port}/");
        var server = new PrometheusServer(dir, process, address);
        try
        {
            await process.WaitForHttpAsync(new Uri(address, "-/ready"), TimeSpan.FromSeconds(60));
            // It answers 503 while its storage starts; queries only work once ready says 200.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!await server.IsReadyAsync())
            {
                if (process.HasExited || DateTime.UtcNow > deadline) throw process.Failure("did not become ready");
                await Task.Delay(100);
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await _http.GetAsync("-/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The last lines Prometheus printed, for failure messages.</summary>
    public string Output => _process.Output.ToString();

    /// <summary>An instant query: each result series' value (labels dropped).</summary>
    public async Task<IReadOnlyList<double>> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var data = json.RootElement.GetProperty("data");
        return [.. data.GetProperty("result").EnumerateArray()
            .Select(r => double.Parse(r.GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture))];
    }

    /// <summary>Polls a query until <paramref name="accept"/> holds, or fails with the last answer.</summary>
    public async Task<IReadOnlyList<double>> WaitForAsync(string promql, Func<IReadOnlyList<double>, bool> accept, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<double> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await QueryAsync(promql);
            if (accept(last)) return last;
            await Task.Delay(250);
        }
        throw new TimeoutException($"'{promql}' gave [{string.Join(", ", last)}] after {timeout}\n--- prometheus ---\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
        _dir.Dispose();
    }
}

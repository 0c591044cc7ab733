using Facade.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facade.Tests.Infrastructure;

/// <summary>
/// A real facade (Kestrel on 127.0.0.1, a free port) in this process, configured by
/// command-line style settings, with its own temp cache directory.
/// </summary>
public sealed class FacadeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FacadeHost(WebApplication app, Uri address, string cacheDirectory)
    {
        _app = app;
        Address = address;
        CacheDirectory = cacheDirectory;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri Address { get; }
    public string CacheDirectory { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>host:port, as a runtime would name this registry.</summary>
    public string Authority => $"{Address.Host}:{Address.Port}";

    public static async Task<FacadeHost> StartAsync(IDictionary<string, string?> settings, string? cacheDirectory = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var ownsCache = cacheDirectory is null;
        cacheDirectory ??= Directory.CreateTempSubdirectory("facade-cache").FullName;
        var args = new List<string> { "--Urls=http://127.0.0.1:0", $"--Facade:Cache:Directory={cacheDirectory}" };
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var app = FacadeApp.Build([.. args], builder =>
        {
            // FACADE_TEST_LOGS=1 shows the facade's own log while debugging a test.
            if (Environment.GetEnvironmentVariable("FACADE_TEST_LOGS") != "1") builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A facade that does not start (bad configuration under test) leaves no cache behind.
            await app.DisposeAsync();
            if (ownsCache)
            {
                try { Directory.Delete(cacheDirectory, recursive: true); } catch (IOException) { }
            }
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FacadeHost(app, new Uri(address), cacheDirectory);
    }

    /// <summary>Settings mirroring one upstream as the default.</summary>
    public static Dictionary<string, string?> MirrorOf(string name, Uri upstream, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Facade:Upstreams:{name}:Url"] = upstream.ToString(),
            ["Facade:DefaultUpstream"] = name,
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Deletes the cache directory too (for tests that do not reuse it).</summary>
    public async ValueTask DisposeAndDeleteCacheAsync()
    {
        await DisposeAsync();
        try { Directory.Delete(CacheDirectory, recursive: true); } catch (IOException) { }
    }
}

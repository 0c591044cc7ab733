using Daemon.Hosting;
using Daemon.Storage.Oci;
using Daemon.Storage.S3;

namespace Daemon.Storage;

/// <summary>Picks the <see cref="IContentStorage"/> named by <c>Daemon:Storage:Kind</c>.</summary>
internal static class StorageRegistration
{
    /// <summary>HttpClient name used by the remote backends.</summary>
    public const string HttpClientName = "content-storage";

    /// <summary>Registers the configured storage backend as a singleton.</summary>
    public static IServiceCollection AddContentStorage(this IServiceCollection services)
    {
        // No redirects: a redirect to another host must not receive our signed headers or credentials.
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false });
        services.AddSingleton<IContentStorage>(sp =>
        {
            var options = sp.GetRequiredService<DaemonOptions>();
            HttpClient Http() => sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return options.Storage.Kind switch
            {
                StorageKind.S3 => new S3ContentStorage(Http(), options.Storage.S3),
                StorageKind.Oci => new OciContentStorage(options.Storage.Oci),
                _ => new LocalContentStorage(options.Storage.Local.Directory.Length > 0
                    ? options.Storage.Local.Directory
                    : Path.Combine(options.WorkingArea, ".storage")),
            };
        });
        return services;
    }
}

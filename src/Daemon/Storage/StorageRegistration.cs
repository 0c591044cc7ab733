using Daemon.Hosting;
using Daemon.Storage.Oci;
using Daemon.Storage.S3;

namespace Daemon.Storage;

/// <summary>Picks the <see cref="IContentStorage"/> named by <c>Daemon:Storage:Kind</c>.</summary>
internal static class StorageRegistration
{
    /// <summary>Registers the configured storage backend as a singleton.</summary>
    public static IServiceCollection AddContentStorage(this IServiceCollection services)
    {
        // Both remote backends own their HTTP stacks: the S3 SDK's client, and the registry client
        // with its redirect and credential rules.
        services.AddSingleton<IContentStorage>(sp =>
        {
            var options = sp.GetRequiredService<DaemonOptions>();
            return options.Storage.Kind switch
            {
                StorageKind.S3 => new S3ContentStorage(options.Storage.S3),
                StorageKind.Oci => new OciContentStorage(options.Storage.Oci),
                _ => new LocalContentStorage(options.Storage.Local.Directory.Length > 0
                    ? options.Storage.Local.Directory
                    : Path.Combine(options.WorkingArea, ".storage")),
            };
        });
        return services;
    }
}

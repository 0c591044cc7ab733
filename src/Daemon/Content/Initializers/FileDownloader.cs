using System.Net;
using Daemon.Hosting;
using Daemon.Protos.ContentService;
using Facade.Shared.Oci;
using Grpc.Core;

namespace Daemon.Content.Initializers;

/// <summary>
/// Runs a <see cref="FileDownloadInitializer"/>: each file is downloaded beside its target,
/// checked against its digest and only then renamed into place.
/// </summary>
internal sealed class FileDownloader(IHttpClientFactory http, DaemonOptions options)
{
    /// <summary>HttpClient name for downloads and one-time secrets.</summary>
    public const string HttpClientName = "content-download";

    /// <summary>Downloads every file of the initializer below <paramref name="root"/>.</summary>
    public async Task RunAsync(string root, FileDownloadInitializer init, CancellationToken cancellationToken)
    {
        var target = SafePath.Resolve(root, init.TargetLocation, "target_location");
        var client = http.CreateClient(HttpClientName);
        foreach (var file in init.Files)
        {
            var path = SafePath.Resolve(target, file.FilePath, "file_path", allowRoot: false);
            SafePath.RequireNoSymlinks(root, path, "file_path");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await DownloadAsync(client, file, Digest.Parse(file.Digest), path, cancellationToken);
        }
    }

    private async Task DownloadAsync(HttpClient client, FileDownloadInitializer.Types.FileInfo file, Digest digest, string path, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.download");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Content.DownloadTimeout);
        try
        {
            using var response = await client.GetAsync(file.Url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw ContentException.NotFound($"download of '{file.FilePath}' found nothing (HTTP 404)");
            if (!response.IsSuccessStatusCode)
                throw new ContentException(StatusCode.Unavailable, $"download of '{file.FilePath}' failed with HTTP {(int)response.StatusCode}");
            using var hasher = digest.CreateHasher();
            await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    hasher.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
                }
            }
            if (!digest.MatchesHash(hasher))
                throw ContentException.DataLoss($"content of '{file.FilePath}' does not match digest {digest}");
            File.Move(temp, path, overwrite: true);
        }
        catch (HttpRequestException e)
        {
            throw new ContentException(StatusCode.Unavailable, $"download of '{file.FilePath}' failed: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ContentException(StatusCode.DeadlineExceeded, $"download of '{file.FilePath}' did not finish within {options.Content.DownloadTimeout}");
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

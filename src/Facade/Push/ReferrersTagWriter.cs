using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Push;

/// <summary>
/// Keeps the referrers tag of a subject up to date on an upstream without a referrers API:
/// reads the tag's index (or starts an empty one), adds or removes a referrer and puts it back.
/// Updates of the same tag through this facade are serialized; a writer that bypasses the facade
/// can still race with it, as with any client of the tag schema.
/// </summary>
internal sealed partial class ReferrersTagWriter(UpstreamSender sender, ILogger<ReferrersTagWriter> log)
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Adds <paramref name="descriptor"/> to the subject's referrers tag; false (logged) when that failed.</summary>
    public Task<bool> AddAsync(UpstreamTarget target, Digest subject, JsonObject descriptor, CancellationToken ct) =>
        UpdateAsync(target, subject, index => ReferrersIndex.Append(index, descriptor), ct);

    /// <summary>Removes <paramref name="referrer"/> from the subject's referrers tag, if it is listed there.</summary>
    public Task<bool> RemoveAsync(UpstreamTarget target, Digest subject, Digest referrer, CancellationToken ct) =>
        UpdateAsync(target, subject, index => index.Length == 0 ? null : ReferrersIndex.Remove(index, referrer.Value), ct);

    // change: the new index for the current one (empty when there is no tag yet), or null for "nothing to write".
    private async Task<bool> UpdateAsync(UpstreamTarget target, Digest subject, Func<byte[], byte[]?> change, CancellationToken ct)
    {
        var tag = ReferrersTag.For(subject);
        var url = target.Upstream.V2($"{target.Repository}/manifests/{tag}");
        var gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode($"{target.Upstream.Name}|{target.Repository}|{tag}") % Stripes)];
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            byte[] current = [];
            using (var existing = await sender.SendAsync(target.Upstream, HttpMethod.Get, url,
                       r => r.Headers.TryAddWithoutValidation("Accept", MediaTypes.OciIndex), ct).ConfigureAwait(false))
            {
                if (existing.IsSuccessStatusCode)
                    current = await BoundedBody.ReadAsync(existing.Content, RawManifest.MaxSize, ct).ConfigureAwait(false);
                else if (existing.StatusCode != HttpStatusCode.NotFound)
                    return Failed(target, tag, $"reading it answered {(int)existing.StatusCode}");
            }
            if (change(current) is not { } updated) return true;
            var content = new ByteArrayContent(updated);
            content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.OciIndex);
            using var put = await sender.SendAsync(target.Upstream, HttpMethod.Put, url,
                r => r.With(RegistryRequestOptions.Idempotent).Content = content, ct).ConfigureAwait(false);
            return put.IsSuccessStatusCode || Failed(target, tag, $"writing it answered {(int)put.StatusCode}");
        }
        catch (Exception e) when (e is UpstreamException or InvalidDataException)
        {
            // The push itself succeeded; the client learns of the miss by the absent OCI-Subject.
            return Failed(target, tag, e.Message);
        }
        finally
        {
            gate.Release();
        }
    }

    private bool Failed(UpstreamTarget target, string tag, string reason)
    {
        LogUpdateFailed(target.Upstream.Name, target.Repository, tag, reason);
        return false;
    }

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "referrers tag {Repository}:{Tag} on upstream {Upstream} not updated: {Reason}")]
    private partial void LogUpdateFailed(string upstream, string repository, string tag, string reason);
}

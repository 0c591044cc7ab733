using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Push;

/// <summary>
/// Keeps the referrers tag of a subject up to date on an upstream without a referrers API:
/// reads the tag's index (or starts an empty one), appends the new referrer and puts it back.
/// Updates of the same tag through this facade are serialized; a writer that bypasses the facade
/// can still race with it, as with any client of the tag schema.
/// </summary>
internal sealed partial class ReferrersTagWriter(UpstreamSender sender, ILogger<ReferrersTagWriter> log)
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Adds <paramref name="descriptor"/> to the subject's referrers tag; false (logged) when that failed.</summary>
    public async Task<bool> AddAsync(UpstreamTarget target, Digest subject, JsonObject descriptor, CancellationToken ct)
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
            if (ReferrersIndex.Append(current, descriptor) is not { } updated) return true;
            var content = new ByteArrayContent(updated);
            content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.OciIndex);
            using var put = await sender.SendAsync(target.Upstream, HttpMethod.Put, url,
                r => r.With(RegistryRequestOptions.Idempotent).Content = content, ct).ConfigureAwait(false);
            return put.IsSuccessStatusCode || Failed(target, tag, $"writing it answered {(int)put.StatusCode}");
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

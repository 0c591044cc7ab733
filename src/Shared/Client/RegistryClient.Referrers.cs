using Facade.Shared.Oci;

namespace Facade.Shared.Client;

public sealed partial class RegistryClient
{
    /// <summary>
    /// The referrers of a manifest (optionally filtered by <paramref name="artifactType"/>), capped at
    /// <see cref="RegistryLimits.Manifest"/>; null when the registry has no referrers API (404 or 405),
    /// in which case the referrers tag schema is the fallback.
    /// </summary>
    public async Task<ReferrersAnswer?> GetReferrersAsync(string repository, Digest subject, string? artifactType = null,
        CancellationToken cancellationToken = default)
    {
        var query = artifactType is null ? "" : "?artifactType=" + Uri.EscapeDataString(artifactType);
        using var response = await SendAsync(HttpMethod.Get, Url(RegistryPaths.Referrers(repository, subject) + query),
            r => r.Headers.TryAddWithoutValidation("Accept", MediaTypes.OciIndex), cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is 404 or 405) return null;
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        var body = await ReadAsync(response, RegistryLimits.Manifest, cancellationToken).ConfigureAwait(false);
        var filtered = response.Headers.TryGetValues("OCI-Filters-Applied", out var applied)
            && applied.Any(a => a.Contains("artifactType", StringComparison.Ordinal));
        return new ReferrersAnswer(body, filtered);
    }
}

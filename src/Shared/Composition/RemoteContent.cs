namespace Facade.Shared.Composition;

/// <summary>A content layer stored elsewhere; its descriptor carries <c>urls: [Url]</c>.</summary>
/// <param name="Url">Where the blob can be fetched (http or https).</param>
/// <param name="Digest">The blob digest.</param>
/// <param name="DiffId">The digest of the uncompressed layer.</param>
/// <param name="MediaType">The blob's media type.</param>
/// <param name="Size">The blob size in bytes.</param>
public sealed record RemoteContent(string Url, string Digest, string DiffId, string MediaType, long Size) : ContentSource;

using System.Net;

namespace Facade.Tests.Infrastructure;

/// <summary>
/// A response that failed after its first byte: the status line said 200 and the body was cut
/// (the connection aborted), so a client can never take it for a complete blob.
/// </summary>
public static class CutResponse
{
    /// <summary>Asserts that GET <paramref name="path"/> answers 200 and its body read fails.</summary>
    public static async Task AssertAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
        Assert.True(e is HttpRequestException or IOException, $"expected a cut body, got {e.GetType().Name}: {e.Message}");
    }
}

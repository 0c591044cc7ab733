using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Facade.Tests.Auth;

/// <summary>Requests with and without Basic credentials, and what the tests read back.</summary>
internal static class AuthRequests
{
    public static HttpRequestMessage Get(string path, string? user = null, string? password = null) =>
        With(new HttpRequestMessage(HttpMethod.Get, path), user, password);

    public static HttpRequestMessage With(HttpRequestMessage request, string? user, string? password)
    {
        if (user is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return request;
    }

    /// <summary>The code of the first error in an OCI envelope.</summary>
    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("errors")[0].GetProperty("code").GetString()!;
    }
}

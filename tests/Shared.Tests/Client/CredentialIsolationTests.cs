using System.Collections.Concurrent;
using System.Text;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.Shared.Tests.Client;

/// <summary>Credentials reach only the host they are configured for, whatever the server asks.</summary>
public sealed class CredentialIsolationTests : IAsyncLifetime
{
    private static readonly byte[] Blob = Encoding.UTF8.GetBytes("blob kept in storage");
    private static readonly Digest BlobDigest = Digest.Sha256Of(Blob);
    private readonly ConcurrentQueue<string?> _registrySaw = new();
    private readonly ConcurrentQueue<string?> _storageSaw = new();
    private LocalWebServer _registry = null!;
    private LocalWebServer _storage = null!;

    public async Task InitializeAsync()
    {
        _storage = await LocalWebServer.StartAsync(app => app.Run(async context =>
        {
            _storageSaw.Enqueue(context.Request.Headers.Authorization.FirstOrDefault());
            if (context.Request.Path.StartsWithSegments("/storage"))
            {
                await context.Response.Body.WriteAsync(Blob);
                return;
            }
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"storage\"";
        }));
        _registry = await LocalWebServer.StartAsync(app => app.Run(context =>
        {
            var authorization = context.Request.Headers.Authorization.FirstOrDefault();
            _registrySaw.Enqueue(authorization);
            if (authorization is null)
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"registry\"";
                return Task.CompletedTask;
            }
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = new Uri(_storage.BaseUri, "/storage/blob?signature=abc").ToString();
            return Task.CompletedTask;
        }));
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _storage.DisposeAsync();
    }

    private static string Seen(IEnumerable<string?> headers) => string.Join('|', headers.Select(h => h ?? "none"));

    private RegistryHttpOptions Options() => new()
    {
        Credentials = new CredentialStore().Add(_registry.Authority, new RegistryCredential("alice", "pw")),
        Retry = new RetryOptions { MaxAttempts = 1 },
    };

    [Fact]
    public async Task A_blob_redirect_to_another_host_is_followed_without_authorization()
    {
        using var client = RegistryClient.Create(_registry.BaseUri, Options());

        await using var stream = await client.GetBlobAsync("repo", BlobDigest);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);

        Assert.Equal(Blob, copy.ToArray());
        Assert.Equal("none|Basic YWxpY2U6cHc=", Seen(_registrySaw));
        Assert.Equal("none", Seen(_storageSaw));
    }

    [Fact]
    public async Task A_challenge_from_an_unconfigured_host_gets_no_credentials()
    {
        using var http = RegistryHttp.CreateClient(Options());

        using var response = await http.GetAsync(new Uri(_storage.BaseUri, "/v2/"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("none", Seen(_storageSaw));
    }

    [Fact]
    public async Task A_blob_whose_bytes_do_not_match_its_digest_fails_at_the_end_of_the_stream()
    {
        using var client = RegistryClient.Create(_registry.BaseUri, Options());
        var other = Digest.Sha256Of("something else"u8);

        await using var stream = await client.GetBlobAsync("repo", other);

        await Assert.ThrowsAsync<InvalidDataException>(() => stream!.CopyToAsync(Stream.Null));
    }
}

using System.Diagnostics;
using System.Net;
using Facade.Shared.Client;
using Facade.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.Shared.Tests.Client;

/// <summary>The retry handler against a local server that injects faults.</summary>
public sealed class RetryHandlerTests : IAsyncLifetime
{
    private readonly Dictionary<string, int> _hits = new();
    private LocalWebServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalWebServer.StartAsync(app => app.Run(HandleAsync));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The path says what to do: <c>/fail/&lt;n&gt;/&lt;status&gt;/&lt;retry-after&gt;</c> fails n times, then 200.</summary>
    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        int hit;
        lock (_hits) hit = _hits[path] = _hits.GetValueOrDefault(path) + 1;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var failures = int.Parse(parts[1]);
        if (hit > failures)
        {
            await context.Response.WriteAsync("ok");
            return;
        }
        if (parts[2] == "abort")
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = int.Parse(parts[2]);
        if (parts.Length > 3) context.Response.Headers.RetryAfter = parts[3] == "date"
            ? DateTimeOffset.UtcNow.AddSeconds(2).ToString("R")
            : parts[3];
    }

    private int Hits(string path)
    {
        lock (_hits) return _hits.GetValueOrDefault(path);
    }

    private HttpClient Client(int attempts = 4, int retryAfterCapMs = 30_000) => RegistryHttp.CreateClient(new RegistryHttpOptions
    {
        Retry = new RetryOptions
        {
            MaxAttempts = attempts,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryAfter = TimeSpan.FromMilliseconds(retryAfterCapMs),
        },
    });

    private Uri At(string path) => new(_server.BaseUri, path);

    [Theory]
    [InlineData("/fail/2/503", 3)]
    [InlineData("/fail/1/500", 2)]
    [InlineData("/fail/2/abort", 3)]
    public async Task Get_is_retried_after_server_errors_and_broken_connections(string path, int expectedHits)
    {
        using var client = Client();

        using var response = await client.GetAsync(At(path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedHits, Hits(path));
    }

    [Theory]
    [InlineData("/fail/1/404")]
    [InlineData("/fail/1/401")]
    [InlineData("/fail/1/400")]
    public async Task Client_errors_are_final(string path)
    {
        using var client = Client();

        using var response = await client.GetAsync(At(path));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Hits(path));
    }

    [Fact]
    public async Task A_connection_torn_while_being_set_up_is_retried()
    {
        // The HTTP stack lets a bare SocketException (ENOTCONN) out when the peer closes a new
        // connection before its address is read; the next attempt must go out as for any broken connection.
        var torn = 0;
        using var client = RegistryHttp.CreateClient(new RegistryHttpOptions
        {
            Retry = new RetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(10) },
            Innermost = () => new TearingHandler(() => Interlocked.Increment(ref torn) <= 2),
        });

        using var response = await client.GetAsync(At("/fail/0/500"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Volatile.Read(ref torn));
        Assert.Equal(1, Hits("/fail/0/500"));
    }

    private sealed class TearingHandler(Func<bool> tear) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            tear() ? throw new System.Net.Sockets.SocketException(107) : base.SendAsync(request, cancellationToken);
    }

    [Fact]
    public async Task Attempts_are_bounded()
    {
        using var client = Client(attempts: 3);

        using var response = await client.GetAsync(At("/fail/100/503"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, Hits("/fail/100/503"));
    }

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after_in_seconds()
    {
        using var client = Client();
        var clock = Stopwatch.StartNew();

        using var response = await client.GetAsync(At("/fail/1/429/1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Retry_after_as_a_date_is_honoured_up_to_the_cap()
    {
        using var client = Client(retryAfterCapMs: 300);
        var clock = Stopwatch.StartNew();

        using var response = await client.GetAsync(At("/fail/1/503/date"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Hits("/fail/1/503/date"));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1900));
    }

    [Fact]
    public async Task Post_and_unmarked_put_are_not_retried_but_a_marked_put_is()
    {
        using var client = Client();

        using var post = await client.PostAsync(At("/fail/1/503/p"), new StringContent("x"));
        using var put = await client.PutAsync(At("/fail/1/503/u"), new StringContent("x"));
        using var marked = await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Put, At("/fail/1/503/m")) { Content = new StringContent("x") }.With(RegistryRequestOptions.Idempotent));

        Assert.Equal(1, Hits("/fail/1/503/p"));
        Assert.Equal(1, Hits("/fail/1/503/u"));
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(2, Hits("/fail/1/503/m"));
    }

    [Fact]
    public async Task Cancellation_stops_a_retry_wait()
    {
        using var client = Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(At("/fail/100/503/20"), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(1, Hits("/fail/100/503/20"));
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facade.Tests.Infrastructure;

/// <summary>
/// A fault-injecting upstream for failure tests only: serves one blob and behaves as told
/// (die before or in the middle of the body, send wrong bytes, stall, fail with a status). Counts
/// blob GETs. A test can hold every response after its first half until it has seen those bytes.
/// </summary>
public sealed class FaultyUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _blobGets;
    private int _wholeBlobGets;
    private TaskCompletionSource _midBody = Released();

    public enum Mode { Healthy, DieMidBody, DieBeforeBody, WrongBytes, Stall, Status503 }

    private FaultyUpstream(WebApplication app, byte[] blob)
    {
        _app = app;
        Blob = blob;
        Digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob));
    }

    public byte[] Blob { get; }
    public string Digest { get; }
    public Mode Behaviour { get; set; }
    public int BlobGets => Volatile.Read(ref _blobGets);

    /// <summary>GETs that asked for the whole blob: one per fill, as a resume asks with <c>Range</c>.</summary>
    public int WholeBlobGets => Volatile.Read(ref _wholeBlobGets);
    public Uri Address { get; private set; } = null!;

    /// <summary>From now on responses wait after the first half of the blob until <see cref="ReleaseMidBody"/>.</summary>
    public void HoldMidBody() => _midBody = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets held responses (and all later ones) go on with their second half or their fault.</summary>
    public void ReleaseMidBody() => _midBody.TrySetResult();

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    public static async Task<FaultyUpstream> StartAsync(int size)
    {
        var blob = new byte[size];
        new Random(size).NextBytes(blob);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new FaultyUpstream(app, blob);
        app.MapGet("/v2/", () => Results.Json(new { }));
        app.MapMethods("/v2/{**path}", ["GET", "HEAD"], upstream.ServeAsync);
        await app.StartAsync();
        upstream.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return upstream;
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!context.Request.Path.Value!.EndsWith(Digest, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method))
        {
            Interlocked.Increment(ref _blobGets);
            if (!context.Request.Headers.ContainsKey("Range")) Interlocked.Increment(ref _wholeBlobGets);
        }
        if (Behaviour == Mode.Status503)
        {
            context.Response.StatusCode = 503;
            return;
        }
        context.Response.ContentLength = Blob.Length;
        context.Response.ContentType = "application/octet-stream";
        if (HttpMethods.IsHead(context.Request.Method)) return;
        if (Behaviour == Mode.DieBeforeBody)
        {
            await context.Response.StartAsync();
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }
        var half = Blob.Length / 2;
        await context.Response.Body.WriteAsync(Blob.AsMemory(0, half));
        await context.Response.Body.FlushAsync();
        await _midBody.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { });
        switch (Behaviour)
        {
            case Mode.DieMidBody:
                context.Abort();
                return;
            case Mode.Stall:
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { });
                context.Abort();
                return;
            case Mode.WrongBytes:
                var wrong = Blob.AsSpan(half).ToArray();
                wrong[^1] ^= 0xff;
                await context.Response.Body.WriteAsync(wrong);
                return;
            default:
                await context.Response.Body.WriteAsync(Blob.AsMemory(half));
                return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

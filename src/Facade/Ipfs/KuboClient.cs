using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Facade.Shared.Ipfs;
using Microsoft.Extensions.Options;

namespace Facade.Ipfs;

/// <summary>
/// <see cref="IKuboClient"/> over HTTP. Import parameters are always explicit, reads always carry
/// the node-side <c>timeout=</c> and a client-side limit a little longer, so a missing CID ends
/// in an error instead of a hung request.
/// </summary>
internal sealed class KuboClient : IKuboClient
{
    private const int MaxAnswer = 1024 * 1024;
    private static readonly TimeSpan ClientGrace = TimeSpan.FromSeconds(5);
    private readonly KuboTransport _transport;
    private readonly IpfsOptions _options;
    private readonly string _timeoutArg;

    public KuboClient(HttpClient http, IOptions<IpfsOptions> options)
    {
        _options = options.Value;
        _transport = new KuboTransport(http, IpfsApiAddress.Resolve(_options.Api));
        _timeoutArg = "timeout=" + ((long)_options.Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
    }

    public async Task<IpfsAddResult> AddAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(_options.ReadTimeout);
        using var part = new StreamContent(new UploadWatchdogStream(content, watchdog, _options.ReadTimeout), 64 * 1024);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent();
        form.Add(part, "file", "blob");

        using var response = await _transport.PostAsync("add", "add?" + UnixFsLayout.AddQuery + "&progress=false",
            form, watchdog.Token, cancellationToken).ConfigureAwait(false);
        var body = await KuboTransport.ReadCappedAsync("add", response, MaxAnswer, watchdog.Token, cancellationToken).ConfigureAwait(false);
        return ParseAddAnswer(body);
    }

    public async Task<Stream> CatAsync(Cid cid, long offset, long? length, CancellationToken cancellationToken)
    {
        if (cid.IsEmpty) throw new ArgumentException("no CID given", nameof(cid));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length));
        // Nodes disagree on length=0 (js-ipfs rejects it); nothing to ask for anyway.
        if (length == 0) return Stream.Null;
        var query = $"cat?arg={cid}&offset={offset.ToString(CultureInfo.InvariantCulture)}"
            + (length is { } l ? "&length=" + l.ToString(CultureInfo.InvariantCulture) : "") + "&" + _timeoutArg;

        using var headers = HeaderTimeout(cancellationToken);
        var response = await _transport.PostAsync("cat", query, null, headers.Token, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ReadTimeoutStream(response, body, _options.ReadTimeout, "cat");
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<IpfsFileStat> StatAsync(Cid cid, CancellationToken cancellationToken)
    {
        if (cid.IsEmpty) throw new ArgumentException("no CID given", nameof(cid));
        using var timeout = HeaderTimeout(cancellationToken);
        var stat = await _transport.PostJsonAsync("files/stat", $"files/stat?arg=/ipfs/{cid}&cid-base=base32&{_timeoutArg}",
            KuboJsonContext.Default.KuboStat, MaxAnswer, timeout.Token, cancellationToken).ConfigureAwait(false);
        // Some nodes ignore cid-base here and answer base58: normalise.
        if (!Cid.TryParse(stat.Hash, out var statCid))
            throw new IpfsException(IpfsErrorKind.InvalidResponse, "files/stat", $"unreadable CID '{stat.Hash}'");
        return new IpfsFileStat(statCid, stat.Size, stat.CumulativeSize, stat.Blocks, stat.Type ?? "");
    }

    public async Task<IpfsNodeIdentity> IdAsync(CancellationToken cancellationToken)
    {
        using var timeout = HeaderTimeout(cancellationToken);
        var id = await _transport.PostJsonAsync("id", "id?" + _timeoutArg, KuboJsonContext.Default.KuboId, MaxAnswer,
            timeout.Token, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(id.ID)) throw new IpfsException(IpfsErrorKind.InvalidResponse, "id", "the answer has no ID");
        return new IpfsNodeIdentity(id.ID, id.AgentVersion, id.Addresses ?? []);
    }

    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        using var timeout = HeaderTimeout(cancellationToken);
        var version = await _transport.PostJsonAsync("version", "version?" + _timeoutArg, KuboJsonContext.Default.KuboVersion,
            MaxAnswer, timeout.Token, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(version.Version)
            ? throw new IpfsException(IpfsErrorKind.InvalidResponse, "version", "the answer has no Version")
            : version.Version;
    }

    private CancellationTokenSource HeaderTimeout(CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.Timeout + ClientGrace);
        return cts;
    }

    // The answer is newline-delimited JSON; with one file and no progress the last object is the file.
    private static IpfsAddResult ParseAddAnswer(byte[] body)
    {
        KuboAddLine? last = null;
        foreach (var line in System.Text.Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                var parsed = JsonSerializer.Deserialize(line, KuboJsonContext.Default.KuboAddLine);
                if (!string.IsNullOrEmpty(parsed?.Hash)) last = parsed;
            }
            catch (JsonException e)
            {
                throw new IpfsException(IpfsErrorKind.InvalidResponse, "add", "unreadable answer: " + e.Message, inner: e);
            }
        }
        if (last is null) throw new IpfsException(IpfsErrorKind.InvalidResponse, "add", "the answer names no CID");
        if (!Cid.TryParse(last.Hash, out var cid))
            throw new IpfsException(IpfsErrorKind.InvalidResponse, "add", $"unreadable CID '{last.Hash}'");
        return new IpfsAddResult(cid, last.Size);
    }
}

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Facade.Ipfs;

/// <summary>
/// Sends RPC calls (always POST) to the node and turns every way they can fail into an
/// <see cref="IpfsException"/>: unreachable, too slow, an error answer (with the node's message),
/// or an answer that cannot be read. Bodies read whole are size-capped.
/// </summary>
internal sealed class KuboTransport
{
    private const int MaxErrorBody = 64 * 1024;
    private readonly HttpClient _http;
    private readonly Uri _base;

    public KuboTransport(HttpClient http, Uri apiBase)
    {
        _http = http;
        _base = new Uri(apiBase, "api/v0/");
    }

    /// <summary>
    /// Posts and returns the response once its headers arrived with a success status.
    /// <paramref name="token"/> bounds the call; <paramref name="callerToken"/> tells the
    /// caller's own cancellation apart from a timeout.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(string operation, string pathAndQuery, HttpContent? content,
        CancellationToken token, CancellationToken callerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, pathAndQuery)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!callerToken.IsCancellationRequested)
        {
            throw new IpfsException(IpfsErrorKind.Timeout, operation, "the node did not answer in time", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new IpfsException(IpfsErrorKind.Unreachable, operation, e.Message, inner: e);
        }
        if (response.IsSuccessStatusCode) return response;

        using (response)
        {
            var nodeMessage = await ReadErrorMessageAsync(response, token).ConfigureAwait(false);
            throw new IpfsException(IpfsErrorKind.Node, operation,
                $"node answered {(int)response.StatusCode}: {nodeMessage ?? "(no message)"}", response.StatusCode, nodeMessage);
        }
    }

    /// <summary>Posts and deserializes a JSON answer of at most <paramref name="maxBytes"/>.</summary>
    public async Task<T> PostJsonAsync<T>(string operation, string pathAndQuery, JsonTypeInfo<T> type, int maxBytes,
        CancellationToken token, CancellationToken callerToken)
    {
        using var response = await PostAsync(operation, pathAndQuery, null, token, callerToken).ConfigureAwait(false);
        var body = await ReadCappedAsync(operation, response, maxBytes, token, callerToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, type)
                ?? throw new IpfsException(IpfsErrorKind.InvalidResponse, operation, "the node answered null");
        }
        catch (JsonException e)
        {
            throw new IpfsException(IpfsErrorKind.InvalidResponse, operation, "unreadable answer: " + e.Message, inner: e);
        }
    }

    /// <summary>Reads a whole (small) body; more than <paramref name="maxBytes"/> is an invalid answer.</summary>
    public static async Task<byte[]> ReadCappedAsync(string operation, HttpResponseMessage response, int maxBytes,
        CancellationToken token, CancellationToken callerToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes) throw new IpfsException(IpfsErrorKind.InvalidResponse, operation, $"answer larger than {maxBytes} bytes");
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(length), token).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
                if (length > maxBytes) throw new IpfsException(IpfsErrorKind.InvalidResponse, operation, $"answer larger than {maxBytes} bytes");
            }
            return buffer.AsSpan(0, length).ToArray();
        }
        catch (OperationCanceledException e) when (!callerToken.IsCancellationRequested)
        {
            throw new IpfsException(IpfsErrorKind.Timeout, operation, "the node did not finish its answer in time", inner: e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new IpfsException(IpfsErrorKind.Unreachable, operation, "the answer broke off: " + e.Message, inner: e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<string?> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken token)
    {
        byte[] body;
        try
        {
            body = await ReadCappedAsync("error", response, MaxErrorBody, token, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IpfsException)
        {
            return null;
        }
        try
        {
            var error = JsonSerializer.Deserialize(body, KuboJsonContext.Default.KuboError);
            if (!string.IsNullOrWhiteSpace(error?.Message)) return error.Message;
        }
        catch (JsonException)
        {
            // Not the node's JSON error shape: fall back to the text itself.
        }
        var text = System.Text.Encoding.UTF8.GetString(body).Trim();
        return text.Length == 0 ? null : text.Length <= 500 ? text : text[..500] + "...";
    }
}

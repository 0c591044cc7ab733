using System.Text;

namespace Conformance.Http;

/// <summary>A fully buffered response: status, all headers (response and content) and the body bytes.</summary>
internal sealed class RegistryResponse
{
    private readonly Dictionary<string, string[]> _headers;

    public RegistryResponse(HttpMethod method, Uri url, HttpResponseMessage message, byte[] body)
    {
        Method = method;
        Url = url;
        Status = (int)message.StatusCode;
        Body = body;
        _headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in message.Headers.Concat(message.Content.Headers))
        {
            _headers[name] = values.ToArray();
        }
    }

    /// <summary>Method of the request that produced this response.</summary>
    public HttpMethod Method { get; }

    /// <summary>URL that was requested (after redirects).</summary>
    public Uri Url { get; }

    /// <summary>HTTP status code.</summary>
    public int Status { get; }

    /// <summary>Body bytes (empty for HEAD).</summary>
    public byte[] Body { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>All values of a header joined with ", ", or null when absent.</summary>
    public string? Header(string name) => _headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    /// <summary>Every header, for debug output.</summary>
    public IEnumerable<KeyValuePair<string, string[]>> Headers => _headers;

    /// <summary>Short description used in failure messages.</summary>
    public string Describe() => $"{Method} {Url.PathAndQuery} -> {Status}";
}

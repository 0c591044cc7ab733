namespace Conformance.Http;

/// <summary>One request to the registry; bodies are byte arrays so a request can be resent after an auth challenge.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Target">A path such as <c>/v2/name/blobs/...</c> (relative to the root URL) or an absolute URL from a Location header.</param>
internal sealed record RegistryRequest(HttpMethod Method, string Target)
{
    /// <summary>Request body; null sends an empty body on POST, PUT and PATCH.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Content-Type of the body.</summary>
    public string? ContentType { get; init; }

    /// <summary>Extra request headers (Accept, Range, Content-Range...).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Returns a copy with one more header.</summary>
    public RegistryRequest WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };
}

namespace Conformance.Http;

/// <summary>OCI_DEBUG output: one block per request and response, credentials redacted, bodies abbreviated.</summary>
internal sealed class DebugLog(TextWriter writer)
{
    private const int MaxBodyShown = 2048;

    public void Request(HttpRequestMessage message)
    {
        writer.WriteLine($"> {message.Method} {message.RequestUri}");
        var headers = message.Headers.AsEnumerable();
        if (message.Content is not null)
        {
            headers = headers.Concat(message.Content.Headers);
        }

        foreach (var (name, values) in headers)
        {
            var shown = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? "<redacted>" : string.Join(", ", values);
            writer.WriteLine($">   {name}: {shown}");
        }
    }

    public void Response(RegistryResponse response)
    {
        writer.WriteLine($"< {response.Status} for {response.Method} {response.Url}");
        foreach (var (name, values) in response.Headers)
        {
            writer.WriteLine($"<   {name}: {string.Join(", ", values)}");
        }

        var type = response.Header("Content-Type") ?? "";
        if (response.Body.Length > 0 && (type.Contains("json", StringComparison.Ordinal) || type.StartsWith("text/", StringComparison.Ordinal)))
        {
            var text = response.Text;
            writer.WriteLine("<   " + (text.Length > MaxBodyShown ? text[..MaxBodyShown] + "..." : text));
        }
    }
}

namespace Facade.Shared.Client;

/// <summary>Per-request flags understood by the handler chain (set them on <see cref="HttpRequestMessage.Options"/>).</summary>
public static class RegistryRequestOptions
{
    /// <summary>
    /// Send the request without any credential or token, whatever its host: used for redirects
    /// to blob storage, whose signed URL is its own authorisation.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Anonymous = new("Facade.Registry.Anonymous");

    /// <summary>Marks a PUT or DELETE as safe to repeat, so the retry handler may retry it.</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Facade.Registry.Idempotent");

    /// <summary>Sets a flag on a request and returns the request.</summary>
    public static HttpRequestMessage With(this HttpRequestMessage request, HttpRequestOptionsKey<bool> key)
    {
        request.Options.Set(key, true);
        return request;
    }

    /// <summary>True when the flag is set on the request.</summary>
    public static bool Has(this HttpRequestMessage request, HttpRequestOptionsKey<bool> key) =>
        request.Options.TryGetValue(key, out var value) && value;
}

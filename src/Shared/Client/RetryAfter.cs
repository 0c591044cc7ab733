namespace Facade.Shared.Client;

/// <summary>Reads a <c>Retry-After</c> header (delta seconds or an HTTP date) as a bounded delay.</summary>
public static class RetryAfter
{
    /// <summary>The delay the response asks for, at most <paramref name="cap"/>, or null when it asks for none.</summary>
    public static TimeSpan? Parse(HttpResponseMessage response, DateTimeOffset now, TimeSpan cap)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? delay = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        if (delay is null) return null;
        if (delay < TimeSpan.Zero) return TimeSpan.Zero;
        return delay > cap ? cap : delay;
    }
}

namespace Facade.Shared.Client;

/// <summary>Sets the <c>User-Agent</c> of every request that has none.</summary>
public sealed class UserAgentHandler(string userAgent) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.UserAgent.Count == 0) request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return base.SendAsync(request, cancellationToken);
    }
}

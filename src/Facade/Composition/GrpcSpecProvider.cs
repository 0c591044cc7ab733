using Facade.Protos.RegistryFacade;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Facade.Composition;

/// <summary>
/// Asks Gitpod-compatible gRPC spec providers, in configured order, and caches found specs for
/// a short time. A provider that says NotFound or cannot be reached passes the question on; the
/// result is NotFound only when every provider answered NotFound.
/// </summary>
internal sealed class GrpcSpecProvider : ISpecProvider, IDisposable
{
    private readonly (string Address, GrpcChannel Channel, SpecProvider.SpecProviderClient Client)[] _providers;
    private readonly SpecCache _cache;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    public GrpcSpecProvider(CompositionOptions options, TimeProvider time, ILogger<GrpcSpecProvider> logger)
    {
        _providers = options.SpecProviders.Select(e =>
        {
            var channel = GrpcChannelFactory.Create(e);
            return (e.Address, channel, new SpecProvider.SpecProviderClient(channel));
        }).ToArray();
        _cache = new SpecCache(options.SpecCacheTtl, time);
        _timeout = options.SpecTimeout;
        _logger = logger;
    }

    public async ValueTask<SpecLookup> GetSpecAsync(string id, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(id, out var cached)) return SpecLookup.Found(cached);
        SpecLookup? failure = null;
        foreach (var (address, _, client) in _providers)
        {
            var result = await AskAsync(address, client, id, cancellationToken).ConfigureAwait(false);
            if (result.Status == SpecLookupStatus.Found)
            {
                _cache.Set(id, result.Spec!);
                return result;
            }
            if (result.Status != SpecLookupStatus.NotFound) failure ??= result;
        }
        return failure ?? SpecLookup.NotFound($"no spec provider knows image spec '{id}'");
    }

    private async Task<SpecLookup> AskAsync(string address, SpecProvider.SpecProviderClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetImageSpecAsync(new GetImageSpecRequest { Id = id },
                deadline: DateTime.UtcNow + _timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Spec is null
                ? SpecLookup.NotFound($"spec provider {address} has no spec '{id}'")
                : SpecLookup.Found(response.Spec);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return SpecLookup.NotFound($"spec provider {address} has no spec '{id}'");
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            CompositionLog.ProviderFailed(_logger, address, id, e.StatusCode.ToString(), e.Status.Detail);
            var message = $"spec provider {address} answered {e.StatusCode}: {e.Status.Detail}";
            return e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
                ? SpecLookup.Unavailable(message)
                : SpecLookup.Failed(message);
        }
    }

    public void Dispose()
    {
        foreach (var (_, channel, _) in _providers) channel.Dispose();
    }
}

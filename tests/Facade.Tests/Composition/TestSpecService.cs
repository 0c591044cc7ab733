using System.Collections.Concurrent;
using Facade.Protos.RegistryFacade;
using Grpc.Core;

namespace Facade.Tests.Composition;

/// <summary>A real SpecProvider service: answers from a dictionary, counts calls, can be slowed down.</summary>
internal sealed class TestSpecService : SpecProvider.SpecProviderBase
{
    public ConcurrentDictionary<string, ImageSpec> Specs { get; } = new();

    public int Calls => _calls;

    public TimeSpan Delay { get; set; }

    private int _calls;

    public override async Task<GetImageSpecResponse> GetImageSpec(GetImageSpecRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref _calls);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.CancellationToken);
        return Specs.TryGetValue(request.Id, out var spec)
            ? new GetImageSpecResponse { Spec = spec }
            : throw new RpcException(new Status(StatusCode.NotFound, $"no spec {request.Id}"));
    }
}

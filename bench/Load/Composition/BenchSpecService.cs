using Facade.Protos.RegistryFacade;
using Grpc.Core;

namespace Facade.Load.Composition;

/// <summary>
/// The spec provider the composition run talks to: serves a fixed set of specs by id, answers
/// NOT_FOUND for any other id, and counts the calls it got.
/// </summary>
internal sealed class BenchSpecService(IReadOnlyDictionary<string, ImageSpec> specs) : SpecProvider.SpecProviderBase
{
    private int _calls;

    /// <summary>GetImageSpec calls served so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public override Task<GetImageSpecResponse> GetImageSpec(GetImageSpecRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref _calls);
        if (!specs.TryGetValue(request.Id, out var spec)) throw new RpcException(new Status(StatusCode.NotFound, $"no spec with id '{request.Id}'"));
        return Task.FromResult(new GetImageSpecResponse { Spec = spec });
    }
}

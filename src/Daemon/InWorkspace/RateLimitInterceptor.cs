using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Daemon.InWorkspace;

/// <summary>Refuses calls beyond the workspace's budget with ResourceExhausted before any work is done.</summary>
internal sealed class RateLimitInterceptor(WorkspaceSession session) : Interceptor
{
    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        if (!session.Limiter.TryAcquire(method))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{method} exceeds the workspace's rate limit"));
        }

        return continuation(request, context);
    }
}

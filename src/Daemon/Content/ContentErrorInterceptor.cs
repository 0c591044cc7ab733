using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Daemon.Content;

/// <summary>Turns content failures into gRPC statuses: <see cref="ContentException"/> keeps its code, anything unexpected is logged and reported as Internal.</summary>
internal sealed class ContentErrorInterceptor(ILogger<ContentErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (ContentException e)
        {
            throw new RpcException(new Status(e.Code, e.Message));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled"));
        }
        catch (Exception e) when (e is not RpcException)
        {
            ContentLog.Unexpected(logger, e, context.Method);
            throw new RpcException(new Status(StatusCode.Internal, $"{e.GetType().Name}: {e.Message}"));
        }
    }
}

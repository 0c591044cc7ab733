using System.Net.Sockets;
using Facade.Shared.Client;
using Facade.Shared.Errors;
using Facade.Upstreams;

namespace Facade.Tests.Unit;

/// <summary>How failures talking to an upstream become the error a client sees.</summary>
public sealed class UpstreamFailureTests
{
    [Fact]
    public void A_bare_socket_failure_is_an_unreachable_upstream_not_a_defect()
    {
        // Seen from the HTTP stack when an upstream tears a connection down while it is being set
        // up: it escapes unwrapped. It must answer 503 UNAVAILABLE, never 500.
        using var client = RegistryClient.Create(new Uri("http://127.0.0.1:9/"));
        var upstream = new UpstreamRegistry("local", client, writable: false, usesLibraryPrefix: false);
        var torn = new SocketException((int)SocketError.NotConnected);

        Assert.True(UpstreamFailure.IsClientFailure(torn));
        var error = UpstreamFailure.FromException(upstream, torn);
        Assert.Equal(OciErrorCode.Unavailable, error.Code);
        Assert.Equal(503, error.Status);
    }
}

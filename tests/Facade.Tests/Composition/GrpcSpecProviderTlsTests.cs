using Facade.Composition;
using Facade.Protos.RegistryFacade;
using Facade.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using ImageSpec = Facade.Protos.RegistryFacade.ImageSpec;

namespace Facade.Tests.Composition;

/// <summary>TLS to a spec provider: private CA, client certificate and server name override.</summary>
public sealed class GrpcSpecProviderTlsTests : IAsyncLifetime
{
    private const string ServerName = "spec-provider.internal.test";
    private readonly TempDir _directory = new("composition");
    private TestCertificates _certificates = null!;
    private SpecServer _server = null!;

    public async Task InitializeAsync()
    {
        _certificates = new TestCertificates(_directory.Path, ServerName);
        _server = await SpecServer.StartAsync(_certificates.Server, _certificates.Ca);
        _server.Service.Specs["tls"] = new ImageSpec { BaseRef = "registry.example.test/secure:1" };
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
        _directory.Dispose();
    }

    private GrpcSpecProvider Provider(SpecProviderEndpoint endpoint) => new(
        new CompositionOptions { SpecProviders = [endpoint], SpecCacheTtl = TimeSpan.Zero },
        TimeProvider.System, NullLogger<GrpcSpecProvider>.Instance);

    [Fact]
    public async Task Private_ca_client_certificate_and_server_name_work_together()
    {
        using var provider = Provider(new SpecProviderEndpoint
        {
            Address = _server.Address,
            CaFile = _certificates.CaFile,
            ClientCertificateFile = _certificates.ClientCertificateFile,
            ClientKeyFile = _certificates.ClientKeyFile,
            ServerName = ServerName,
        });
        var result = await provider.GetSpecAsync("tls", CancellationToken.None);
        Assert.Equal(SpecLookupStatus.Found, result.Status);
        Assert.Equal("registry.example.test/secure:1", result.Spec!.BaseRef);
    }

    [Fact]
    public async Task A_wrong_server_name_is_refused()
    {
        using var provider = Provider(new SpecProviderEndpoint
        {
            Address = _server.Address,
            CaFile = _certificates.CaFile,
            ClientCertificateFile = _certificates.ClientCertificateFile,
            ClientKeyFile = _certificates.ClientKeyFile,
            ServerName = "other.internal.test",
        });
        var result = await provider.GetSpecAsync("tls", CancellationToken.None);
        Assert.NotEqual(SpecLookupStatus.Found, result.Status);
    }

    [Fact]
    public async Task An_untrusted_server_is_refused()
    {
        using var provider = Provider(new SpecProviderEndpoint
        {
            Address = _server.Address,
            ClientCertificateFile = _certificates.ClientCertificateFile,
            ClientKeyFile = _certificates.ClientKeyFile,
            ServerName = ServerName,
        });
        var result = await provider.GetSpecAsync("tls", CancellationToken.None);
        Assert.NotEqual(SpecLookupStatus.Found, result.Status);
    }
}

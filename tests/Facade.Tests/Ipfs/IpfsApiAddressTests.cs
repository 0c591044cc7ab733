using Facade.Ipfs;

namespace Facade.Tests.Ipfs;

public sealed class IpfsApiAddressTests
{
    private static string? Env(string name) => name == "IPFS_HOST" ? "10.1.2.3" : null;

    [Theory]
    [InlineData("http://127.0.0.1:5001", "http://127.0.0.1:5001/")]
    [InlineData("https://ipfs.internal:8443/base", "https://ipfs.internal:8443/base/")]
    [InlineData("/ip4/1.2.3.4/tcp/5001", "http://1.2.3.4:5001/")]
    [InlineData("/ip4/1.2.3.4/tcp/5001/https", "https://1.2.3.4:5001/")]
    [InlineData("/ip6/::1/tcp/5001", "http://[::1]:5001/")]
    [InlineData("/dns4/ipfs-node/tcp/5001", "http://ipfs-node:5001/")]
    [InlineData("/dns/ipfs.example.internal/tcp/80", "http://ipfs.example.internal/")]
    [InlineData("/ip4/$IPFS_HOST/tcp/5001", "http://10.1.2.3:5001/")]
    [InlineData("http://${IPFS_HOST}:5001", "http://10.1.2.3:5001/")]
    public void Resolves(string text, string expected) =>
        Assert.Equal(expected, IpfsApiAddress.Resolve(text, Env).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("ftp://host:21")]
    [InlineData("127.0.0.1:5001")]
    [InlineData("http://user:pw@host:5001")]
    [InlineData("http://host:5001/?x=1")]
    [InlineData("/ip4/1.2.3/tcp/5001")]
    [InlineData("/ip4/::1/tcp/5001")]
    [InlineData("/ip4/1.2.3.4/udp/5001")]
    [InlineData("/ip4/1.2.3.4/tcp/0")]
    [InlineData("/ip4/1.2.3.4/tcp/70000")]
    [InlineData("/ip4/1.2.3.4/tcp/5001/ws")]
    [InlineData("/dns4/bad_host!/tcp/5001")]
    [InlineData("/unix/tmp/ipfs.sock")]
    public void Rejects(string text) =>
        Assert.Throws<FormatException>(() => IpfsApiAddress.Resolve(text, Env));

    [Fact]
    public void A_missing_host_variable_is_named_in_the_error()
    {
        var error = Assert.Throws<FormatException>(() => IpfsApiAddress.Resolve("/ip4/$IPFS_HOST/tcp/5001", _ => null));
        Assert.Contains("IPFS_HOST", error.Message);
    }
}

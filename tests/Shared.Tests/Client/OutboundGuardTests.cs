using System.Net;
using Facade.Shared.Client;

namespace Facade.Shared.Tests.Client;

/// <summary>The address classes and scheme rules of <see cref="OutboundGuard"/>, as tables.</summary>
public sealed class OutboundGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.9.8.7", AddressClass.Loopback)]
    [InlineData("0.0.0.0", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("::", AddressClass.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressClass.Loopback)]
    [InlineData("169.254.169.254", AddressClass.LinkLocal)]
    [InlineData("::ffff:169.254.169.254", AddressClass.LinkLocal)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("10.1.2.3", AddressClass.Private)]
    [InlineData("172.16.0.1", AddressClass.Private)]
    [InlineData("172.31.255.255", AddressClass.Private)]
    [InlineData("192.168.1.1", AddressClass.Private)]
    [InlineData("100.64.0.1", AddressClass.Private)]
    [InlineData("fd00::2", AddressClass.Private)]
    [InlineData("fc12::1", AddressClass.Private)]
    [InlineData("172.32.0.1", AddressClass.Public)]
    [InlineData("100.128.0.1", AddressClass.Public)]
    [InlineData("8.8.8.8", AddressClass.Public)]
    [InlineData("2001:db8::1", AddressClass.Public)]
    public void Classifies_addresses(string address, AddressClass expected) =>
        Assert.Equal(expected, OutboundGuard.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://a/x", "http://b/y", true)]
    [InlineData("http://a/x", "https://b/y", true)]
    [InlineData("https://a/x", "https://b/y", true)]
    [InlineData("https://a/x", "http://b/y", false)]
    [InlineData("https://a/x", "ftp://b/y", false)]
    [InlineData("http://a/x", "file:///etc/passwd", false)]
    public void Follows_only_http_and_never_downgrades(string from, string to, bool allowed)
    {
        var check = () => OutboundGuard.CheckScheme(new Uri(from), new Uri(to), "redirect");
        if (allowed) check();
        else Assert.Throws<OutboundRefusedException>(check);
    }
}

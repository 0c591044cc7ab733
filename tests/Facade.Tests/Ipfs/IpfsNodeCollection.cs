namespace Facade.Tests.Ipfs;

/// <summary>The test classes that share one real IPFS node.</summary>
[CollectionDefinition(Name)]
public sealed class IpfsNodeCollection : ICollectionFixture<IpfsNodeFixture>
{
    public const string Name = "IPFS node";
}

using System.Text;
using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Composition;

/// <summary>
/// Byte-for-byte comparison of composed images with the expected files under Golden/. The test
/// never rewrites them unless FACADE_REGENERATE_GOLDEN=1 is set (see Golden/README.md), and even
/// then it fails so that the new files are reviewed before they are committed.
/// </summary>
public sealed class GoldenTests
{
    public static IEnumerable<object[]> Cases => GoldenCase.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Composition_matches_the_golden_files(string name)
    {
        var golden = new GoldenCase(Path.Combine(GoldenCase.Root(), name));
        var picked = golden.Pick();
        if (picked is not null)
            Assert.Equal(Digest.Sha256Of(golden.Read("base-manifest.json")), picked.Digest);

        var result = golden.Compose();
        var digests = $"manifest {result.ManifestDigest}\nconfig {result.ConfigDigest}\n";

        if (Environment.GetEnvironmentVariable(GoldenCase.RegenerateVariable) == "1")
        {
            File.WriteAllBytes(Path.Combine(golden.Directory, "expected-manifest.json"), result.Manifest);
            File.WriteAllBytes(Path.Combine(golden.Directory, "expected-config.json"), result.Config);
            File.WriteAllText(Path.Combine(golden.Directory, "expected-digests.txt"), digests);
            Assert.Fail($"golden files of '{name}' regenerated; review them with git diff before committing");
        }

        Assert.Equal(Encoding.UTF8.GetString(golden.Read("expected-config.json")), Encoding.UTF8.GetString(result.Config));
        Assert.Equal(Encoding.UTF8.GetString(golden.Read("expected-manifest.json")), Encoding.UTF8.GetString(result.Manifest));
        Assert.Equal(golden.Read("expected-config.json"), result.Config);
        Assert.Equal(golden.Read("expected-manifest.json"), result.Manifest);
        Assert.Equal(Encoding.UTF8.GetString(golden.Read("expected-digests.txt")), digests);
        // The digests are over exactly the bytes returned.
        Assert.Equal(Digest.Sha256Of(result.Manifest), result.ManifestDigest);
        Assert.Equal(Digest.Sha256Of(result.Config), result.ConfigDigest);
    }
}

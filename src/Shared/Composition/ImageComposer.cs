using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>
/// Composes an image from a base manifest and config plus addenda. Pure and deterministic: the
/// same input gives the same bytes and digests (no clock, no dictionary ordering, no DOM).
/// </summary>
public static class ImageComposer
{
    /// <summary>Composes the image; throws <see cref="CompositionException"/> for inputs that cannot be composed.</summary>
    public static ComposeResult Compose(ComposeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var manifestSource = input.BaseManifest.Span;
        var configSource = input.BaseConfig.Span;
        try
        {
            var summary = ManifestScanner.Scan(manifestSource);
            using var buffer = new PooledBufferWriter(Math.Max(configSource.Length, manifestSource.Length) + 512 * (input.Addenda.Count + 1));
            using var writer = new Utf8JsonWriter(buffer, JsonCopy.WriterOptions);

            ConfigRewriter.Write(configSource, input, writer);
            writer.Flush();
            var config = buffer.WrittenSpan.ToArray();
            var configDigest = Digest.Sha256Of(config);

            buffer.Clear();
            writer.Reset(buffer);
            ManifestRewriter.Write(manifestSource, input, summary, configDigest, config.Length, writer);
            writer.Flush();
            var manifest = buffer.WrittenSpan.ToArray();
            return new ComposeResult(manifest, Digest.Sha256Of(manifest), summary.MediaType, config, configDigest, summary.LayersSize);
        }
        catch (JsonException e)
        {
            throw new CompositionException($"invalid JSON in the base image: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // The reader throws this for type mismatches (e.g. GetString on a number).
            throw new CompositionException($"unexpected JSON in the base image: {e.Message}", e);
        }
    }
}

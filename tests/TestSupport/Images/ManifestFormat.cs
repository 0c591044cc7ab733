namespace Facade.TestSupport;

/// <summary>Which family of media types a generated image uses.</summary>
public enum ManifestFormat
{
    /// <summary>OCI image manifest and index.</summary>
    Oci,

    /// <summary>Docker schema2 manifest and manifest list.</summary>
    Docker,
}

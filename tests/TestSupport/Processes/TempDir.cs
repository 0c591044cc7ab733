namespace Facade.TestSupport;

/// <summary>A fresh directory under the system temp directory, deleted (recursively) on dispose.</summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Creates <c>/tmp/&lt;prefix&gt;-&lt;random&gt;</c>. Keep the prefix short: Unix socket paths are limited to 107 bytes.</summary>
    public TempDir(string prefix = "facade")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The absolute path of the directory.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory (not created).</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>A path several levels below the directory (not created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Creates a sub-directory and returns its path.</summary>
    public string CreateDirectory(string relative) => Directory.CreateDirectory(this[relative]).FullName;

    /// <summary>Writes a file inside the directory and returns its path.</summary>
    public string WriteFile(string relative, string text)
    {
        var path = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that is still exiting may hold a file; the directory is in /tmp anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

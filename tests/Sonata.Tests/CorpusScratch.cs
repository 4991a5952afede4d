namespace Sonata.Tests;

/// <summary>A temporary folder for one test, deleted afterwards; also the corpus cache root for that test.</summary>
internal sealed class CorpusScratch : IDisposable
{
    public CorpusScratch()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"sonata-corpus-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Cache => Path.Combine(Folder, "cache");

    public string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);

    /// <summary>Writes a file (creating its folders) and returns its path.</summary>
    public string Write(string relative, byte[] content)
    {
        string path = PathOf(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Every file under the cache, relative to it ('/' separated).</summary>
    public string[] CacheFiles() =>
        Directory.Exists(Cache)
            ? Directory.GetFileSystemEntries(Cache, "*", SearchOption.AllDirectories) // hidden files too
                .Select(p => Path.GetRelativePath(Cache, p).Replace('\\', '/'))
                .Where(p => !Directory.Exists(Path.Combine(Cache, p)))
                .ToArray()
            : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder must not fail a test
        }
    }
}

using System.Formats.Tar;
using System.IO.Compression;

namespace Sonata.Bench;

/// <summary>A corpus archive extracted into a temporary folder for one benchmark, deleted after it.</summary>
internal sealed class ExtractedArchive : IDisposable
{
    private readonly string _folder;

    private ExtractedArchive(string folder, IReadOnlyList<string> files)
    {
        _folder = folder;
        Files = files;
    }

    /// <summary>The MIDI files, in ordinal order of their names.</summary>
    public IReadOnlyList<string> Files { get; }

    public static ExtractedArchive Of(string archive)
    {
        string folder = Path.Combine(Path.GetTempPath(), "sonata-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using (var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
            TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: false);
        return new ExtractedArchive(folder, [.. Directory.EnumerateFiles(folder, "*.mid", SearchOption.AllDirectories)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

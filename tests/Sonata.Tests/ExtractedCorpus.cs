using System.Formats.Tar;
using System.IO.Compression;

namespace Sonata.Tests;

/// <summary>The shared corpora, extracted once per test run into a temporary folder.</summary>
public static class ExtractedCorpus
{
    private static readonly Lazy<IReadOnlyList<string>> Mozart = new(() => Extract(SharedData.MozartArchive));
    private static readonly Lazy<IReadOnlyList<string>> MidiSongs = new(() => Extract(SharedData.MidiSongsArchive));

    /// <summary>The 20 sonatas' paths, in ordinal order of their names.</summary>
    public static IReadOnlyList<string> MozartFiles => Mozart.Value;

    public static IReadOnlyList<string> MidiSongsFiles => MidiSongs.Value;

    private static IReadOnlyList<string> Extract(string archive)
    {
        string folder = Path.Combine(Path.GetTempPath(), "sonata-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using (var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
            TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        };
        return Directory.EnumerateFiles(folder, "*.mid*", SearchOption.AllDirectories)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();
    }
}

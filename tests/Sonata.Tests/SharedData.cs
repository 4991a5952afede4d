namespace Sonata.Tests;

/// <summary>
/// The data shared beside the repository, never committed: <c>&lt;repo&gt;/../shared</c>, where
/// the repository root is the first folder above the test binaries that holds Sonata.sln.
/// </summary>
public static class SharedData
{
    private static readonly string Folder = FindSharedFolder();

    /// <summary>The 20 Mozart sonatas, byte for byte as served.</summary>
    public static string MozartArchive => Path.Combine(Folder, "data", "mozart_sonatas.tar.gz");

    public static string MidiSongsArchive => Path.Combine(Folder, "data", "midi_songs.tar.gz");

    /// <summary>What music21 produces for the corpus (tokens, offsets).</summary>
    public static string ReferenceFolder => Path.Combine(Folder, "reference");

    private static string FindSharedFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sonata.sln")))
                return Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared"));
        }
        throw new DirectoryNotFoundException($"no Sonata.sln above {AppContext.BaseDirectory}");
    }
}

namespace Sonata.Tests;

/// <summary>
/// The data the tests share with the other checkouts: <c>&lt;repo&gt;/../shared</c>, found by walking
/// up from the test binaries to the folder that holds Sonata.sln. Never committed into the project.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> SharedFolder = new(FindSharedFolder);

    /// <summary>The shared folder itself.</summary>
    public static string Folder => SharedFolder.Value;

    /// <summary>The Mozart corpus, byte for byte as served at the seed's address.</summary>
    public static string MozartArchive => Path.Combine(Folder, "data", "mozart_sonatas.tar.gz");

    /// <summary>The lab's other corpus of MIDI songs.</summary>
    public static string MidiSongsArchive => Path.Combine(Folder, "data", "midi_songs.tar.gz");

    /// <summary>What music21 produces for the corpus (tokens, offsets, raw chord order).</summary>
    public static string ReferenceFolder => Path.Combine(Folder, "reference");

    private static string FindSharedFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sonata.sln")))
                return Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared"));
        }
        throw new DirectoryNotFoundException($"No Sonata.sln above {AppContext.BaseDirectory}, so no ../shared folder.");
    }
}

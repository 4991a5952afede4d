namespace Sonata.Tests;

/// <summary>
/// The data in <c>../shared</c> beside the repository (never committed into it): found by walking up
/// from the test binaries to the folder whose <c>shared/data/mozart_sonatas.tar.gz</c> exists.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The <c>shared</c> folder.</summary>
    public static string Folder => Root.Value;

    /// <summary>The lab's corpus, byte for byte as served at its address.</summary>
    public static string MozartArchive => Path.Combine(Folder, "data", "mozart_sonatas.tar.gz");

    /// <summary>A second, larger corpus of piano MIDI files.</summary>
    public static string MidiSongsArchive => Path.Combine(Folder, "data", "midi_songs.tar.gz");

    /// <summary>What music21 produces for the corpus (tokens per file).</summary>
    public static string ReferenceFolder => Path.Combine(Folder, "reference");

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string shared = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(shared, "data", "mozart_sonatas.tar.gz")))
            {
                return shared;
            }
        }
        throw new DirectoryNotFoundException(
            $"No shared/data/mozart_sonatas.tar.gz above {AppContext.BaseDirectory}: "
            + "the tests expect ../shared beside the repository.");
    }
}

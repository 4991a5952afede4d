namespace Sonata.Corpus;

/// <summary>
/// The MIDI files of a corpus, in ordinal order of their path relative to the corpus root
/// (for a flat folder, of their file names).
/// </summary>
/// <param name="Paths">Full paths of the MIDI files.</param>
/// <param name="Description">Where the files came from, for a person to read (e.g. "20 MIDI files from archive …").</param>
public sealed record CorpusFiles(IReadOnlyList<string> Paths, string Description)
{
    /// <summary>The key of each file, in the order of <see cref="Paths"/>: see <see cref="KeyOf"/>.</summary>
    public IReadOnlyList<string> Keys => Paths.Select(KeyOf).ToArray();

    /// <summary>
    /// The key of a corpus file: its bare file name (e.g. <c>piano_sonata_279.mid</c>), as used in
    /// the reference JSON files.
    /// </summary>
    public static string KeyOf(string path) => Path.GetFileName(path);
}

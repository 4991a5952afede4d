namespace Sonata.Corpus;

/// <summary>Finds the MIDI files under a folder, in ordinal order of their keys (<see cref="CorpusFiles.KeysOf"/>).</summary>
internal static class MidiFileFinder
{
    public static bool IsMidi(string path) =>
        path.EndsWith(".mid", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".midi", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Find(string folder)
    {
        string root = Path.GetFullPath(folder);
        // Hidden files (such as macOS "._x.mid" metadata) and hidden folders are skipped, as by default.
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        return CorpusFiles.InKeyOrder(Directory.EnumerateFiles(root, "*", options).Where(IsMidi).ToArray());
    }
}

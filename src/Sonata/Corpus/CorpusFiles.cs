namespace Sonata.Corpus;

/// <summary>The MIDI files of a corpus, in ordinal order of their keys (<see cref="KeysOf"/>).</summary>
/// <param name="Paths">Full paths of the MIDI files.</param>
/// <param name="Description">Where the files came from, for a person to read (e.g. "20 MIDI files from archive …").</param>
public sealed record CorpusFiles(IReadOnlyList<string> Paths, string Description)
{
    /// <summary>The key of each file, in the order of <see cref="Paths"/>: see <see cref="KeysOf"/>.</summary>
    public IReadOnlyList<string> Keys => KeysOf(Paths);

    /// <summary>
    /// The key of each file of a corpus: its path relative to the deepest folder that holds all of
    /// the corpus's files, with '/' between folders. For a flat folder, one file, or an archive
    /// whose files all lie in one top folder (the lab's <c>mozart_sonatas/</c>), that is the bare
    /// file name (<c>piano_sonata_279.mid</c>, as in the reference JSON files); in a nested corpus,
    /// two <c>a.mid</c> are <c>bach/a.mid</c> and <c>chopin/a.mid</c>. A corpus is read, written
    /// and read back in ordinal order of these keys (<see cref="InKeyOrder"/>), which is also the
    /// ordinal order of the paths relative to any folder above.
    /// </summary>
    public static IReadOnlyList<string> KeysOf(IReadOnlyList<string> paths)
    {
        char[] separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];
        var segments = paths.Select(p => Path.GetFullPath(p).Split(separators)).ToList();
        // How many leading folders all files share (never the file name itself).
        int shared = segments.Count == 0 ? 0 : segments.Min(s => s.Length) - 1;
        foreach (var path in segments.Skip(1))
        {
            int same = 0;
            while (same < shared && string.Equals(path[same], segments[0][same], StringComparison.Ordinal))
                same++;
            shared = same;
        }
        return segments.Select(s => string.Join('/', s[shared..])).ToArray();
    }

    /// <summary>The paths in ordinal order of their keys.</summary>
    public static IReadOnlyList<string> InKeyOrder(IReadOnlyList<string> paths)
    {
        var keys = KeysOf(paths);
        return Enumerable.Range(0, paths.Count)
            .OrderBy(i => keys[i], StringComparer.Ordinal)
            .Select(i => paths[i])
            .ToArray();
    }
}

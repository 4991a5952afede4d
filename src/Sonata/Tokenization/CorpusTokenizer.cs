using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>Tokenizes the files of a corpus in order, reporting each file done.</summary>
public static class CorpusTokenizer
{
    /// <param name="paths">MIDI files, in the order their tokens should follow each other.</param>
    /// <param name="skipBad">Skip unreadable files (listed in the result) instead of failing on the first.</param>
    /// <exception cref="MidiFormatException">A file cannot be read and <paramref name="skipBad"/> is false.</exception>
    public static TokenizedCorpus Tokenize(
        IReadOnlyList<string> paths, bool skipBad = false, IProgress<int>? filesDone = null,
        CancellationToken cancellationToken = default)
    {
        var files = new List<TokenizedFile>(paths.Count);
        var skipped = new List<SkippedFile>();
        for (int i = 0; i < paths.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string key = Path.GetFileName(paths[i]);
            try
            {
                files.Add(new TokenizedFile(key, Music21Tokenizer.TokenizeFile(paths[i])));
            }
            catch (MidiFormatException e) when (skipBad)
            {
                skipped.Add(new SkippedFile(key, e.Message));
            }
            filesDone?.Report(i + 1);
        }
        return new TokenizedCorpus(files, skipped);
    }
}

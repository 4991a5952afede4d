using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>Tokenizes the files of a corpus, on every core, keeping the files' order.</summary>
public static class CorpusTokenizer
{
    /// <param name="paths">MIDI files, in the order their tokens should follow each other.</param>
    /// <param name="skipBad">Skip unreadable files (listed in the result) instead of failing.</param>
    /// <param name="filesDone">How many files are done, reported as each finishes.</param>
    /// <exception cref="MidiFormatException">
    /// A file cannot be read and <paramref name="skipBad"/> is false: the first such file in order.
    /// </exception>
    public static TokenizedCorpus Tokenize(
        IReadOnlyList<string> paths, bool skipBad = false, IProgress<int>? filesDone = null,
        CancellationToken cancellationToken = default)
    {
        var tokens = new IReadOnlyList<TokenEvent>?[paths.Count];
        var errors = new MidiFormatException?[paths.Count];
        int done = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, paths.Count, options, i =>
        {
            try
            {
                tokens[i] = Music21Tokenizer.TokenizeFile(paths[i]);
            }
            catch (MidiFormatException e)
            {
                errors[i] = e;
            }
            filesDone?.Report(Interlocked.Increment(ref done));
        });

        var files = new List<TokenizedFile>(paths.Count);
        var skipped = new List<SkippedFile>();
        for (int i = 0; i < paths.Count; i++)
        {
            string key = Path.GetFileName(paths[i]);
            if (errors[i] is { } error)
            {
                if (!skipBad)
                    throw error;
                skipped.Add(new SkippedFile(key, error.Message));
            }
            else
            {
                files.Add(new TokenizedFile(key, tokens[i]!));
            }
        }
        return new TokenizedCorpus(files, skipped);
    }
}

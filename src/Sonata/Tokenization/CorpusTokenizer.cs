using Sonata.Corpus;
using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>
/// Tokenizes the files of a corpus, one file a core at a time, keeping the files' order. Each file's
/// work is bounded (<see cref="ReadLimits"/>); of a refused file only its message is kept.
/// </summary>
public static class CorpusTokenizer
{
    /// <param name="paths">
    /// MIDI files, in the order their tokens should follow each other; each is keyed by
    /// <see cref="CorpusFiles.KeysOf"/> (its path relative to the folder that holds them all).
    /// </param>
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
        // No more files at once than cores: the thread pool would add threads for long files,
        // and each file in progress holds its events and measures.
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, paths.Count, options, (i, loop) =>
        {
            try
            {
                tokens[i] = Music21Tokenizer.TokenizeFile(paths[i]);
            }
            catch (MidiFormatException e)
            {
                errors[i] = e;
                if (!skipBad)
                    loop.Break(); // the files before this one still run: the first error in order is among them
            }
            filesDone?.Report(Interlocked.Increment(ref done));
        });

        var keys = CorpusFiles.KeysOf(paths);
        var files = new List<TokenizedFile>(paths.Count);
        var skipped = new List<SkippedFile>();
        for (int i = 0; i < paths.Count; i++)
        {
            string key = keys[i];
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

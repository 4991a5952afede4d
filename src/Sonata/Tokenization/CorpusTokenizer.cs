using System.Runtime.ExceptionServices;
using Sonata.Corpus;
using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>
/// Tokenizes the files of a corpus, one file a core at a time, keeping the files' order. Each file's
/// work is bounded (<see cref="ReadLimits"/>); of a refused file only its message is kept, and
/// whatever goes wrong while one file is read is that file's refusal (<see cref="FileRefusal"/>).
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
        CancellationToken cancellationToken = default) =>
        Tokenize(paths, Music21Tokenizer.TokenizeFile, skipBad, filesDone, cancellationToken);

    /// <param name="readFile">Reads one file; the tests' seam for a failure no file makes yet.</param>
    internal static TokenizedCorpus Tokenize(
        IReadOnlyList<string> paths, Func<string, IReadOnlyList<TokenEvent>> readFile, bool skipBad,
        IProgress<int>? filesDone, CancellationToken cancellationToken)
    {
        var tokens = new IReadOnlyList<TokenEvent>?[paths.Count];
        var errors = new MidiFormatException?[paths.Count];
        int done = 0;
        // No more files at once than cores: the thread pool would add threads for long files,
        // and each file in progress holds its events and measures.
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        try
        {
            Parallel.For(0, paths.Count, options, (i, loop) =>
            {
                try
                {
                    tokens[i] = readFile(paths[i]);
                }
                catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    errors[i] = FileRefusal.Of(paths[i], e);
                    if (!skipBad)
                        loop.Break(); // the files before this one still run: the first error in order is among them
                }
                filesDone?.Report(Interlocked.Increment(ref done));
            });
        }
        catch (AggregateException e)
        {
            // Only what no file caused gets here (a progress report's failure): as itself, not wrapped.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

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

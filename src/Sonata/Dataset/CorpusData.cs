namespace Sonata.Dataset;

/// <summary>
/// A corpus as a run sees it: its vocabulary (grown by transpositions when
/// <see cref="DataOptions.Transpose"/>), the ids of every file concatenated, and each file's length.
/// The trainer and generation build it the same way, so both find the same ids and split.
/// </summary>
/// <param name="Vocabulary">Token ↔ id: the corpus's tokens first, then any transpositions.</param>
/// <param name="CorpusTokenCount">How many of the vocabulary's ids the corpus itself uses (the first ones).</param>
/// <param name="Ids">(N) the corpus's ids, files in order.</param>
/// <param name="FileLengths">Tokens of each file, in order.</param>
public sealed record CorpusData(Vocabulary Vocabulary, int CorpusTokenCount, long[] Ids, IReadOnlyList<int> FileLengths)
{
    /// <summary>Each token's step and duration class, aligned with <see cref="Ids"/>; null when the corpus's timing is not known (a tokens file).</summary>
    public CorpusTiming? Timing { get; init; }

    /// <param name="timing">The files' timing, aligned with their tokens, or null.</param>
    public static CorpusData Build(
        IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> files, DataOptions options, CorpusTiming? timing = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var corpus = Vocabulary.Build(files);
        var vocabulary = options.Transpose ? Transpositions.Grow(corpus) : corpus;
        long[] ids = vocabulary.Encode(files);
        if (timing is not null && (timing.Steps.Length != ids.Length || timing.Durations.Length != ids.Length))
            throw new ArgumentException($"the timing of {timing.Steps.Length:N0} tokens does not fit a corpus of {ids.Length:N0}", nameof(timing));
        return new CorpusData(vocabulary, corpus.Count, ids, files.Select(f => f.Tokens.Count).ToList()) { Timing = timing };
    }

    /// <summary>The split <paramref name="options"/> asks for, drawn with <paramref name="seed"/>.</summary>
    public DatasetSplit Split(DataOptions options, long seed) => DatasetSplit.Make(FileLengths, options, seed);

    /// <summary>(12 · V_corpus) ids of each corpus token under each shift; see <see cref="Transpositions.Table"/>.</summary>
    public long[] TranspositionTable() => Transpositions.Table(Vocabulary, CorpusTokenCount);
}

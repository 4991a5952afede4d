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
    public static CorpusData Build(IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> files, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var corpus = Vocabulary.Build(files);
        var vocabulary = options.Transpose ? Transpositions.Grow(corpus) : corpus;
        return new CorpusData(vocabulary, corpus.Count, vocabulary.Encode(files), files.Select(f => f.Tokens.Count).ToList());
    }

    /// <summary>The split <paramref name="options"/> asks for, drawn with <paramref name="seed"/>.</summary>
    public DatasetSplit Split(DataOptions options, long seed) => DatasetSplit.Make(FileLengths, options, seed);

    /// <summary>(12 · V_corpus) ids of each corpus token under each shift; see <see cref="Transpositions.Table"/>.</summary>
    public long[] TranspositionTable() => Transpositions.Table(Vocabulary, CorpusTokenCount);
}

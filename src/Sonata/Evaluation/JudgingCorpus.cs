using Sonata.Tokenization;

namespace Sonata.Evaluation;

/// <summary>
/// The corpus a piece is judged against, indexed once: its pieces' tokens with music21's offsets,
/// a <see cref="VerbatimIndex"/> of them and their inter-onset-interval histogram. It measures a
/// piece's figures, the corpus's own range of each on excerpts of a given length, and judges pieces.
/// Immutable once built; its methods may run on several threads.
/// </summary>
public sealed class JudgingCorpus
{
    private readonly TokenizedFile[] _pieces;
    private readonly TokenEvent[][] _events;   // each piece's tokens, to cut excerpts from

    /// <summary>Indexes the corpus's pieces, in order.</summary>
    public JudgingCorpus(IReadOnlyList<TokenizedFile> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        _events = [.. pieces.Select(p => p.Tokens.ToArray())];
        _pieces = [.. pieces.Select((p, i) => new TokenizedFile(p.Key, Array.AsReadOnly(_events[i])))];
        Verbatim = new VerbatimIndex(_pieces);
        Intervals = IntervalHistogram.Sum(_pieces.Select(p => IntervalHistogram.Of(p.Tokens.Select(e => e.Offset))));
    }

    /// <summary>The corpus's pieces, in order.</summary>
    public IReadOnlyList<TokenizedFile> Pieces => _pieces;

    /// <summary>The index of the pieces' tokens that verbatim copies are looked up in.</summary>
    public VerbatimIndex Verbatim { get; }

    /// <summary>The corpus's inter-onset intervals: each piece's distinct offsets, their steps, summed over the pieces.</summary>
    public IntervalHistogram Intervals { get; }

    /// <summary>
    /// The figures of a piece whose first <paramref name="primerLength"/> tokens are its primer, its
    /// verbatim copies looked up in every piece of the corpus.
    /// </summary>
    /// <exception cref="ArgumentException">The piece has no token after the primer.</exception>
    /// <exception cref="FormatException">A token is not a note or chord of music21 pitch names.</exception>
    public PieceFigures Measure(IReadOnlyList<TokenEvent> piece, int primerLength) => Measure(piece, primerLength, leaveOut: null);

    /// <summary>
    /// The corpus's own range of each figure for pieces of <paramref name="excerptTokens"/> tokens:
    /// <see cref="FigureOptions.ExcerptsPerPiece"/> excerpts of that length from each corpus piece
    /// long enough, starting at seeded random positions (<see cref="FigureOptions.ExcerptSeed"/>,
    /// piece after piece), each measured as a piece whose primer is its first
    /// <see cref="FigureOptions.PrimerLength"/> tokens, its verbatim copies looked up in the other
    /// pieces only (leave one piece out).
    /// </summary>
    /// <exception cref="EvaluationException">No corpus piece has <paramref name="excerptTokens"/> tokens.</exception>
    public CorpusRanges Ranges(int excerptTokens, FigureOptions? options = null)
    {
        options ??= new FigureOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(excerptTokens, options.PrimerLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ExcerptsPerPiece);

        var random = new Random(options.ExcerptSeed);
        var excerpts = new List<(int Piece, int Start)>();
        for (int piece = 0; piece < _pieces.Length; piece++)
        {
            int count = _pieces[piece].Tokens.Count;
            if (count < excerptTokens) continue;
            for (int i = 0; i < options.ExcerptsPerPiece; i++)
                excerpts.Add((piece, random.Next(0, count - excerptTokens + 1)));
        }
        if (excerpts.Count == 0)
            throw new EvaluationException(
                $"no piece of the corpus has {excerptTokens} tokens, so it has no excerpt as long as the piece to compare with");

        var figures = new PieceFigures[excerpts.Count];
        Parallel.For(0, excerpts.Count, i =>
        {
            var (piece, start) = excerpts[i];
            var excerpt = new ArraySegment<TokenEvent>(_events[piece], start, excerptTokens);
            figures[i] = Measure(excerpt, options.PrimerLength, leaveOut: piece);
        });
        return CorpusRanges.Of(excerptTokens, options.PrimerLength, figures);
    }

    /// <summary>
    /// Judges pieces (tokens with music21's offsets, as read back from their MIDI files): each one's
    /// figures beside the corpus's ranges for its length, and the median over them.
    /// </summary>
    /// <exception cref="EvaluationException">A piece has no token after the primer, or no corpus piece is as long as a piece.</exception>
    public FolderJudgement JudgeAll(IReadOnlyList<TokenizedFile> pieces, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        options ??= new FigureOptions();
        if (pieces.Count == 0) throw new EvaluationException("no piece to judge");
        foreach (var piece in pieces)
        {
            if (piece.Tokens.Count <= options.PrimerLength)
                throw new EvaluationException(
                    $"{piece.Key}: {piece.Tokens.Count} tokens, none after the {options.PrimerLength}-token primer, so nothing generated to judge (a shorter primer length?)");
        }

        var ranges = pieces.Select(p => p.Tokens.Count).Distinct().Order().ToDictionary(length => length, length => Ranges(length, options));
        var judged = pieces.Select(p => PieceJudgement.Of(p.Key, Measure(p.Tokens, options.PrimerLength), ranges[p.Tokens.Count])).ToList();

        int summaryLength = pieces.GroupBy(p => p.Tokens.Count).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        var medians = Enum.GetValues<Figure>().Select(figure =>
        {
            var values = judged.Select(j => j.Figures.Value(figure)).OfType<double>().ToList();
            return FigureVerdict.Of(figure, values.Count > 0 ? Percentiles.Median(values) : null, ranges[summaryLength].Of(figure));
        }).ToList();

        return new FolderJudgement(options.PrimerLength, _pieces.Length, judged,
            new SummaryJudgement(pieces.Count, summaryLength, medians), [.. ranges.Values], Intervals);
    }

    private PieceFigures Measure(IReadOnlyList<TokenEvent> piece, int primerLength, int? leaveOut)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentOutOfRangeException.ThrowIfNegative(primerLength);
        if (piece.Count <= primerLength)
            throw new EvaluationException($"the piece has {piece.Count} tokens, none after its {primerLength}-token primer: give a smaller --primer-length");

        string[] tokens = [.. piece.Select(e => e.Token)];
        var generated = new ArraySegment<string>(tokens, primerLength, tokens.Length - primerLength);
        var verbatim = Verbatim.Find(tokens, primerLength, leaveOut);
        var intervals = IntervalHistogram.Of(piece.Select(e => e.Offset));
        return new PieceFigures(
            Tokens: piece.Count,
            PrimerLength: primerLength,
            FinalLoopShare: FinalLoop.Share(generated),
            LongestTokenRun: TokenFigures.LongestRun(generated),
            DistinctTokens: TokenFigures.Distinct(generated),
            Scale: ScaleConsistency.Of(generated) ?? throw new FormatException("A generated token has no pitch."),
            LongestCopy: verbatim.Longest,
            SharedRunShare: verbatim.SharedRunShare,
            Intervals: intervals,
            IntervalDistance: intervals.DistanceTo(Intervals),
            PitchesPerOnset: OnsetFigures.PitchesPerOnset(piece),
            HeldOnsetShare: OnsetFigures.HeldOnsetShare(piece),
            Performance: PerformedFigures.Of(new ArraySegment<TokenEvent>([.. piece], primerLength, piece.Count - primerLength)));
    }
}

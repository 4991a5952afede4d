namespace Sonata.Evaluation;

/// <summary>A piece's figures and each one's verdict beside the corpus's range for its length.</summary>
/// <param name="Name">The piece's name (its file name).</param>
/// <param name="Figures">What was measured.</param>
/// <param name="Verdicts">One per <see cref="Figure"/>, in the enum's order.</param>
public sealed record PieceJudgement(string Name, PieceFigures Figures, IReadOnlyList<FigureVerdict> Verdicts)
{
    /// <summary>The figures outside the corpus's range.</summary>
    public IReadOnlyList<Figure> Outside => [.. Verdicts.Where(v => v.Outside).Select(v => v.Figure)];

    /// <summary>Judges measured figures against ranges.</summary>
    public static PieceJudgement Of(string name, PieceFigures figures, CorpusRanges ranges)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(ranges);
        return new PieceJudgement(name, figures,
            [.. Enum.GetValues<Figure>().Select(f => FigureVerdict.Of(f, figures.Value(f), ranges.Of(f)))]);
    }
}

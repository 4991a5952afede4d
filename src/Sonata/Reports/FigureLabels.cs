using System.Globalization;
using Sonata.Evaluation;

namespace Sonata.Reports;

/// <summary>
/// How a report names each <see cref="Figure"/> and writes its values and the corpus's range:
/// the words and formats of <c>sonata evaluate</c>'s table.
/// </summary>
public static class FigureLabels
{
    /// <summary>The figures in the order reports list them (the enum's).</summary>
    public static IReadOnlyList<Figure> All { get; } = Enum.GetValues<Figure>();

    public static string Name(Figure figure) => figure switch
    {
        Figure.FinalLoopShare => "Final loop",
        Figure.LongestTokenRun => "Longest one-token run",
        Figure.DistinctTokens => "Distinct tokens",
        Figure.ScaleConsistency => "In one scale",
        Figure.LongestVerbatimCopy => "Longest verbatim copy",
        Figure.SharedRunShare => $"In {VerbatimIndex.SharedRunLength}+ token copies",
        Figure.IntervalDistance => "IOI distance",
        Figure.PitchesPerOnset => "Pitches per onset",
        Figure.HeldOnsetShare => "Held onsets",
        Figure.VelocitySpread => "Velocity spread",
        Figure.DistinctVelocities => "Distinct velocities",
        Figure.Tempo => "Tempo",
        Figure.TempoChanges => "Tempo changes",
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };

    /// <summary>What a figure measures, in a sentence (a tooltip).</summary>
    public static string Meaning(Figure figure) => figure switch
    {
        Figure.FinalLoopShare => "the loop the generated part ends in, as a share of it",
        Figure.LongestTokenRun => "the most times one token follows itself in a row",
        Figure.DistinctTokens => "distinct notes and chords in the generated part",
        Figure.ScaleConsistency => "the largest share of the generated pitches in one major or minor scale",
        Figure.LongestVerbatimCopy => "the longest run of tokens found verbatim in the corpus",
        Figure.SharedRunShare => $"the share of generated tokens inside runs of {VerbatimIndex.SharedRunLength} or more found verbatim in the corpus",
        Figure.IntervalDistance => "Jensen-Shannon distance of the piece's inter-onset intervals to the corpus's",
        Figure.PitchesPerOnset => "pitches over distinct onset times",
        Figure.HeldOnsetShare => "the share of onsets at which an earlier note still sounds",
        Figure.VelocitySpread => "the 90th less the 10th percentile of the generated notes' velocities",
        Figure.DistinctVelocities => "how many different velocities the generated notes are struck with",
        Figure.Tempo => "the generated part's median tempo over its time, quarter notes a minute",
        Figure.TempoChanges => "how many times the tempo changes from one onset of the generated part to the next",
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };

    /// <summary>A value as the terminal's table writes it: a percentage, a count or two decimals.</summary>
    public static string Format(Figure figure, double value) => figure switch
    {
        Figure.FinalLoopShare or Figure.ScaleConsistency or Figure.SharedRunShare or Figure.HeldOnsetShare
            => value.ToString("0.0%", CultureInfo.InvariantCulture),
        Figure.LongestTokenRun or Figure.DistinctTokens or Figure.LongestVerbatimCopy
            or Figure.VelocitySpread or Figure.DistinctVelocities or Figure.Tempo or Figure.TempoChanges
            => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    /// <summary>The corpus's median, or "–" where it has none.</summary>
    public static string Median(Figure figure, FigureRange? range) => range is null ? "–" : Format(figure, range.Median);

    /// <summary>The corpus's range: p10–p90, or for the verbatim copy "≤ the longest an excerpt copies" (<see cref="FigureVerdict.IsOutside"/>); "–" where it has none.</summary>
    public static string Range(Figure figure, FigureRange? range)
    {
        if (range is null) return "–";
        return figure == Figure.LongestVerbatimCopy
            ? $"≤ {Format(figure, range.Max)}"
            : $"{Format(figure, range.P10)}–{Format(figure, range.P90)}";
    }

    /// <summary>Where a piece's longest verbatim copy stands in the corpus, "file @ token position", or "–" when nothing is copied.</summary>
    public static string CopiedFrom(VerbatimCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return copy.Source is { } source ? string.Create(CultureInfo.InvariantCulture, $"{source.FileKey} @ {source.Position}") : "–";
    }
}

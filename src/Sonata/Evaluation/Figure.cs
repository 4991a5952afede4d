using System.Text.Json.Serialization;

namespace Sonata.Evaluation;

/// <summary>
/// The figures by which a piece is judged against its corpus (../shared/MUSIC-FIGURES.md), in the
/// order reports list them. "The generated part" is what follows the primer.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Figure>))]
public enum Figure
{
    /// <summary>The loop at the end of the generated part, as a share of it (<see cref="FinalLoop"/>).</summary>
    FinalLoopShare,

    /// <summary>The most times one token follows itself in a row in the generated part (<see cref="TokenFigures.LongestRun"/>).</summary>
    LongestTokenRun,

    /// <summary>Distinct token strings of the generated part.</summary>
    DistinctTokens,

    /// <summary>The largest share of the generated part's pitches in one major or natural-minor scale (<see cref="ScaleConsistency"/>).</summary>
    ScaleConsistency,

    /// <summary>The longest run of tokens, ending in the generated part, found verbatim in the corpus (<see cref="VerbatimIndex"/>).</summary>
    LongestVerbatimCopy,

    /// <summary>The share of generated tokens inside runs of <see cref="VerbatimIndex.SharedRunLength"/> or more found verbatim in the corpus.</summary>
    SharedRunShare,

    /// <summary>Jensen–Shannon distance of the piece's inter-onset intervals to the corpus's (<see cref="IntervalHistogram"/>).</summary>
    IntervalDistance,

    /// <summary>All pitches of the piece over its distinct onset times (<see cref="OnsetFigures.PitchesPerOnset"/>).</summary>
    PitchesPerOnset,

    /// <summary>The share of onsets at which an earlier note still sounds (<see cref="OnsetFigures.HeldOnsetShare"/>).</summary>
    HeldOnsetShare,

    /// <summary>The generated part's 90th less its 10th percentile of note-on velocities (<see cref="PerformanceFigures.VelocitySpread"/>).</summary>
    VelocitySpread,

    /// <summary>How many different velocities the generated part is struck with.</summary>
    DistinctVelocities,

    /// <summary>The generated part's time-weighted median tempo, quarter notes a minute (<see cref="PerformanceFigures.Tempo"/>).</summary>
    Tempo,

    /// <summary>How many times the tempo changes from one onset of the generated part to the next.</summary>
    TempoChanges,
}

namespace Sonata.Evaluation;

/// <summary>
/// What a token sequence sounds like, in numbers (see <see cref="MusicStatistics.Of"/> for how
/// each is measured). Pitches are MIDI numbers; every pitch of a chord counts.
/// </summary>
/// <param name="Tokens">How many tokens (notes and chords).</param>
/// <param name="DistinctTokens">How many different tokens.</param>
/// <param name="RepeatRate">Fraction of tokens (after the first) equal to the token before.</param>
/// <param name="LongestRepeat">Length, in tokens, of the longest stretch that occurs twice without overlapping.</param>
/// <param name="LowestPitch">Lowest MIDI pitch, or null without tokens.</param>
/// <param name="HighestPitch">Highest MIDI pitch, or null without tokens.</param>
/// <param name="PitchClassHistogram">12 bins, C first, summing to 1 (all 0 without tokens).</param>
/// <param name="Scale">Best of the 24 major and natural-minor scales, or null without tokens.</param>
/// <param name="MeanPitchesPerOnset">Mean number of pitches a token sounds (1 for a note); each token is one onset.</param>
public sealed record PieceStatistics(
    int Tokens,
    int DistinctTokens,
    double RepeatRate,
    int LongestRepeat,
    int? LowestPitch,
    int? HighestPitch,
    IReadOnlyList<double> PitchClassHistogram,
    ScaleFit? Scale,
    double MeanPitchesPerOnset);

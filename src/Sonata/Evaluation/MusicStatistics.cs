using Sonata.Music;

namespace Sonata.Evaluation;

/// <summary>Measures a token sequence (notes like "E-5", chords like "B2.B3").</summary>
public static class MusicStatistics
{
    /// <summary>The statistics of a corpus's tokens, its files in a row.</summary>
    public static PieceStatistics OfCorpus(IEnumerable<IReadOnlyList<string>> files) => Of([.. files.SelectMany(tokens => tokens)]);

    /// <summary>
    /// The statistics of a piece, or of a whole corpus's tokens in a row:
    /// <list type="bullet">
    /// <item>repeat rate: tokens equal to the one before, over the count of tokens after the first;</item>
    /// <item>longest repeat: <see cref="RepeatedStretch.LongestLength{T}"/>;</item>
    /// <item>pitch range, pitch-class histogram and scale: every distinct pitch of every token;</item>
    /// <item>mean pitches per onset: pitches over tokens, each token sounding at its own onset.</item>
    /// </list>
    /// </summary>
    /// <exception cref="FormatException">A token is not a note or chord of music21 pitch names.</exception>
    public static PieceStatistics Of(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var pitchCache = new Dictionary<string, IReadOnlyList<int>>();
        var counts = new double[12];
        int repeats = 0, pitches = 0;
        int? lowest = null, highest = null;

        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (i > 0 && token == tokens[i - 1]) repeats++;
            if (!pitchCache.TryGetValue(token, out var chord))
                pitchCache[token] = chord = TokenPitches.Parse(token);
            foreach (int pitch in chord)
            {
                counts[pitch % 12]++;
                pitches++;
                lowest = Math.Min(lowest ?? pitch, pitch);
                highest = Math.Max(highest ?? pitch, pitch);
            }
        }

        double[] histogram = [.. counts.Select(c => pitches == 0 ? 0 : c / pitches)];
        return new PieceStatistics(
            Tokens: tokens.Count,
            DistinctTokens: pitchCache.Count,
            RepeatRate: tokens.Count < 2 ? 0 : (double)repeats / (tokens.Count - 1),
            LongestRepeat: RepeatedStretch.LongestLength(tokens),
            LowestPitch: lowest,
            HighestPitch: highest,
            PitchClassHistogram: histogram,
            Scale: ScaleFit.Best(histogram),
            MeanPitchesPerOnset: tokens.Count == 0 ? 0 : (double)pitches / tokens.Count);
    }
}

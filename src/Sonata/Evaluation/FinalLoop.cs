namespace Sonata.Evaluation;

/// <summary>
/// The loop a piece ends in: the longest stretch at the end of a token sequence that repeats with
/// one period p ≤ <see cref="MaxPeriod"/> at least twice (token i equals token i + p throughout the
/// stretch, and the stretch is at least 2p long). "… D A B C A B C" ends in a 6-token loop of
/// period 3; two equal last tokens are a 2-token loop of period 1.
/// </summary>
public static class FinalLoop
{
    /// <summary>The longest period looked for, in tokens.</summary>
    public const int MaxPeriod = 64;

    /// <summary>The length, in tokens, of the final loop (0 when no period repeats twice at the end).</summary>
    public static int Length(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int n = tokens.Count, best = 0;
        for (int period = 1; period <= Math.Min(MaxPeriod, n / 2); period++)
        {
            // Positions i, counting back from the end, with token i equal to token i + period.
            int matching = 0;
            for (int i = n - period - 1; i >= 0 && tokens[i] == tokens[i + period]; i--)
                matching++;
            if (matching >= period)   // the stretch (matching + period tokens) holds two periods
                best = Math.Max(best, matching + period);
        }
        return best;
    }

    /// <summary>The final loop's length as a share of the sequence (0 for an empty one).</summary>
    public static double Share(IReadOnlyList<string> tokens) =>
        tokens.Count == 0 ? 0 : (double)Length(tokens) / tokens.Count;
}

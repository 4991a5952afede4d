namespace Sonata.Evaluation;

/// <summary>Figures of a token sequence that look at the token strings alone.</summary>
public static class TokenFigures
{
    /// <summary>The longest run of one token repeated consecutively: 3 for "C4 E4 E4 E4 G4"; 0 when empty.</summary>
    public static int LongestRun(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int longest = 0, current = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            current = i > 0 && tokens[i] == tokens[i - 1] ? current + 1 : 1;
            longest = Math.Max(longest, current);
        }
        return longest;
    }

    /// <summary>How many different token strings ("C4" and "C4.E4" are two).</summary>
    public static int Distinct(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.Distinct(StringComparer.Ordinal).Count();
    }
}

using System.Globalization;
using Sonata.Tokenization;

namespace Sonata.Bench;

/// <summary>
/// How often a piece returns to its own material: the share of its generated tokens (those after
/// the primer) that end a stretch of <see cref="Stretch"/> tokens already heard earlier in the
/// piece, primer included. A bar repeated, a figure held under a phrase, a theme restated all count;
/// so does a loop, which the final-loop figure catches. Mozart's excerpts are measured the same way.
/// </summary>
internal static class SelfReturn
{
    /// <summary>Tokens in a stretch that counts as a return (about a bar of the corpus).</summary>
    public const int Stretch = 6;

    public static double Share(IReadOnlyList<string> tokens, int primerLength)
    {
        var heard = new HashSet<string>(StringComparer.Ordinal);
        int returns = 0;
        for (int end = Stretch - 1; end < tokens.Count; end++)
        {
            string stretch = string.Join(' ', tokens.Skip(end - Stretch + 1).Take(Stretch));
            if (end >= primerLength && heard.Contains(stretch)) returns++;
            heard.Add(stretch);
        }
        return tokens.Count > primerLength ? (double)returns / (tokens.Count - primerLength) : 0;
    }

    /// <summary>The same share in excerpts of <paramref name="length"/> tokens of the pieces (5 a piece, seeded), their first 100 as the primer.</summary>
    public static double[] OfExcerpts(IReadOnlyList<TokenizedFile> pieces, int length, int seed)
    {
        var random = new Random(seed);
        var shares = new List<double>();
        foreach (var piece in pieces.Where(p => p.Tokens.Count > length))
        {
            for (int i = 0; i < 5; i++)
            {
                int start = random.Next(piece.Tokens.Count - length);
                shares.Add(Share([.. piece.Tokens.Skip(start).Take(length).Select(e => e.Token)], 100));
            }
        }
        return [.. shares];
    }

    /// <summary>A markdown row: the corpus's median (p10–p90), then each setting's median [min–max].</summary>
    public static string Row(double[] corpus, IReadOnlyList<double[]> settings)
    {
        static double At(double[] values, double q)
        {
            var sorted = values.Order().ToArray();
            double position = q * (sorted.Length - 1);
            int low = (int)Math.Floor(position);
            return sorted[low] + ((sorted[Math.Min(low + 1, sorted.Length - 1)] - sorted[low]) * (position - low));
        }
        static string P(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        return $"| returns to its own material ({Stretch}-token stretches heard before) | {P(At(corpus, 0.5))} ({P(At(corpus, 0.1))}–{P(At(corpus, 0.9))}) | "
            + string.Join(" | ", settings.Select(s => $"{P(At(s, 0.5))} [{P(s.Min())}–{P(s.Max())}]")) + " |";
    }
}

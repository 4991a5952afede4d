
namespace Sonata.Tokenization;

/// <summary>What <c>sonata data</c> reports about a tokenized corpus.</summary>
/// <param name="StepShares">Share of each step between consecutive tokens' offsets (the lab's Table 1.1), largest first.</param>
public sealed record CorpusSummary(
    int Files, int SkippedFiles, int Tokens, int DistinctTokens, int Notes, int Chords,
    IReadOnlyList<TokenCount> MostCommon, IReadOnlyList<StepShare> StepShares, double Seconds)
{
    public static CorpusSummary Of(TokenizedCorpus corpus, TimeSpan elapsed)
    {
        var tokens = corpus.AllTokens.ToList();
        int chords = tokens.Count(t => t.Contains('.'));
        var mostCommon = tokens.GroupBy(t => t)
            .Select(g => new TokenCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Token, StringComparer.Ordinal)
            .Take(10).ToList();
        var steps = StepDistribution.FromOnsets(corpus.Files.Select(f => f.Tokens.Select(t => t.Offset).ToList()));
        double totalSteps = steps.Values.Sum();
        var shares = steps
            .Select(s => new StepShare(s.Key, totalSteps == 0 ? 0 : s.Value / totalSteps))
            .OrderByDescending(s => s.Share).ThenBy(s => s.Step).ToList();
        return new CorpusSummary(corpus.Files.Count, corpus.Skipped.Count, tokens.Count, tokens.Distinct().Count(),
            tokens.Count - chords, chords, mostCommon, shares, elapsed.TotalSeconds);
    }
}

public sealed record TokenCount(string Token, int Count);

public sealed record StepShare(double Step, double Share);

using Sonata.Prediction;
using TorchSharp;

namespace Sonata.Tests;

/// <summary>The context cache: what the window itself repeats, and how much it is trusted.</summary>
public sealed class ContextCacheTests
{
    private static (float[] Probabilities, double Share) Predict(ContextCache cache, params long[] context)
    {
        var probabilities = new float[8];
        double share = cache.Predict(context, probabilities);
        return (probabilities, share);
    }

    [Fact]
    public void A_context_that_repeats_nothing_says_nothing()
    {
        var (probabilities, share) = Predict(new ContextCache(0.5), 1, 2, 3, 4, 5);

        Assert.Equal(0, share);
        Assert.All(probabilities, p => Assert.Equal(0, p));
    }

    [Fact]
    public void A_repeated_figure_predicts_what_followed_it_with_a_share_growing_with_the_match()
    {
        // 1 2 3 4 … 1 2 3: "1 2 3" matched three tokens back, followed there by 4.
        var (probabilities, share) = Predict(new ContextCache(0.6, HalfMatch: 2), 1, 2, 3, 4, 5, 1, 2, 3);
        var (_, shorter) = Predict(new ContextCache(0.6, HalfMatch: 2), 7, 6, 3, 4, 5, 1, 2, 3);

        Assert.Equal(1, probabilities[4], 6);
        Assert.Equal(0.6 * 3 / (3 + 2), share, 6);
        Assert.Equal(0.6 * 1 / (1 + 2), shorter, 6);   // only the 3 matches
    }

    [Fact]
    public void Longer_matches_outvote_shorter_ones()
    {
        // After "2 3": once "2 3 → 4" (match 2: votes 4), once "5 3 → 6" (match 1: votes 2).
        var (probabilities, _) = Predict(new ContextCache(0.5), 2, 3, 4, 5, 3, 6, 2, 3);

        Assert.Equal(4.0 / 6, probabilities[4], 6);
        Assert.Equal(2.0 / 6, probabilities[6], 6);
    }

    [Fact]
    public void A_run_of_one_token_is_no_evidence_that_it_goes_on()
    {
        var (probabilities, share) = Predict(new ContextCache(0.7), 5, 5, 5, 5, 5, 5);

        Assert.Equal(0, share);
        Assert.All(probabilities, p => Assert.Equal(0, p));
    }

    [Fact]
    public void An_earlier_run_of_the_token_says_where_it_ended()
    {
        // "3 3 3" ended in a 2 before; now the piece has struck 3 three times again. The earlier
        // run votes 2 (match 3: 8) and 3 (matches 2 and 1: 4 + 2); the run now under way votes nothing.
        var (probabilities, share) = Predict(new ContextCache(0.7, HalfMatch: 2), 1, 3, 3, 3, 2, 4, 3, 3, 3);

        Assert.Equal(8.0 / 14, probabilities[2], 6);
        Assert.Equal(6.0 / 14, probabilities[3], 6);
        Assert.Equal(0.7 * 3 / (3 + 2), share, 6);
    }

    [Fact]
    public void Matches_are_counted_up_to_the_longest()
    {
        var (_, share) = Predict(new ContextCache(0.5, HalfMatch: 1, LongestMatch: 2), 1, 2, 3, 1, 2, 3);

        Assert.Equal(0.5 * 2 / 3, share, 6);
    }

    [Fact]
    public void Blending_a_batch_is_blending_each_row()
    {
        var cache = new ContextCache(0.7, HalfMatch: 1);
        long[][] contexts = [[1, 2, 3, 1, 2], [5, 6, 7, 0, 4], [3, 3, 3, 3, 3]];
        var random = new Random(4);
        float[][] network = [.. contexts.Select(_ => Normalized(random))];

        using var batch = cache.Apply(torch.tensor(network.SelectMany(r => r).ToArray()).reshape(3, 8), torch.tensor(contexts.SelectMany(c => c).ToArray()).reshape(3, 5));
        float[] blended = batch.data<float>().ToArray();

        for (int row = 0; row < 3; row++)
        {
            float[] one = (float[])network[row].Clone();
            cache.Blend(one, contexts[row]);
            for (int v = 0; v < 8; v++) Assert.Equal(one[v], blended[(row * 8) + v], 4);
            Assert.Equal(1.0, one.Sum(p => Math.Exp(p)), 4);   // still a distribution
        }
        Assert.Equal(network[1], blended[8..16]);   // no repeat in row 1: the network's own
    }

    private static float[] Normalized(Random random)
    {
        double[] raw = [.. Enumerable.Range(0, 8).Select(_ => random.NextDouble() + 0.1)];
        return [.. raw.Select(p => (float)Math.Log(p / raw.Sum()))];
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Prediction;

/// <summary>
/// What the piece itself says comes next. Music returns to its own material (a bar repeated, an
/// accompaniment figure held under a phrase, a theme restated), and a window of 100 tokens often
/// holds the passage it is in the middle of repeating; an LSTM reading from a zero state cannot
/// look back and copy it. This cache does: each earlier place in the context (before the run of one
/// token the context ends in, if it ends in one) whose tokens match the
/// context's last ones (m of them, up to <see cref="LongestMatch"/>) votes 2^m for the token that
/// followed it there, and the votes, normalized, are blended in with a share that grows with the
/// longest match m*: λ = <see cref="Weight"/> · m* / (m* + <see cref="HalfMatch"/>). With no match it
/// says nothing. It holds no weights and reads no other piece, so it predicts music it never saw as
/// well as the corpus (a "cache" language model, as in Kuhn and De Mori 1990, over tokens).
/// </summary>
/// <param name="Weight">The largest share the cache takes, approached as the match grows.</param>
/// <param name="HalfMatch">The match length at which the cache takes half of <paramref name="Weight"/>.</param>
/// <param name="LongestMatch">Matches are counted up to this many tokens.</param>
public sealed record ContextCache(double Weight, double HalfMatch = 2, int LongestMatch = 12)
{
    /// <summary>
    /// Writes the cache's (V) next-token probabilities after <paramref name="context"/> (oldest
    /// first) into <paramref name="probabilities"/> and returns its share λ (0 when no earlier place matches).
    /// </summary>
    public double Predict(ReadOnlySpan<long> context, Span<float> probabilities)
    {
        probabilities.Clear();
        int last = context.Length - 1, best = 0;
        double total = 0;
        for (int i = RunStart(context) - 1; i >= 0; i--)
        {
            int match = 0;
            while (match < LongestMatch && match <= i && context[i - match] == context[last - match]) match++;
            if (match == 0) continue;
            double vote = Math.ScaleB(1.0, match);
            probabilities[(int)context[i + 1]] += (float)vote;
            total += vote;
            best = Math.Max(best, match);
        }
        if (best == 0) return 0;
        for (int v = 0; v < probabilities.Length; v++) probabilities[v] = (float)(probabilities[v] / total);
        return Weight * best / (best + HalfMatch);
    }

    /// <summary>
    /// Where the run of one token that the context ends in begins (its last index when the run is one
    /// token long). Places inside that run are not counted: each would vote for the run to go on,
    /// its own length as the evidence, and a piece feeding the cache its own repeats would strike
    /// one note a hundred times (the corpus never repeats a token more than 8 times in a row). An
    /// earlier run of the same token still counts, and says where that one ended.
    /// </summary>
    private static int RunStart(ReadOnlySpan<long> context)
    {
        int start = context.Length - 1;
        while (start > 0 && context[start - 1] == context[^1]) start--;
        return start;
    }

    /// <summary>In place: (V) log-probabilities blended with the cache's after <paramref name="context"/>.</summary>
    public void Blend(Span<float> logProbabilities, ReadOnlySpan<long> context)
    {
        var cache = new float[logProbabilities.Length];
        double share = Predict(context, cache);
        if (share <= 0) return;
        for (int v = 0; v < cache.Length; v++)
            logProbabilities[v] = (float)Math.Log(((1 - share) * Math.Exp(logProbabilities[v])) + (share * cache[v]));
    }

    /// <summary>(B, V) log-probabilities after <paramref name="inputs"/> (B, L) blended with the cache's, row by row.</summary>
    public Tensor Apply(Tensor logProbabilities, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(inputs);
        int rows = (int)inputs.shape[0], length = (int)inputs.shape[1], vocabulary = (int)logProbabilities.shape[1];
        long[] tokens;
        using (var cpu = inputs.to(torch.CPU)) tokens = cpu.data<long>().ToArray();
        var cache = new float[rows * vocabulary];
        var shares = new float[rows];
        for (int b = 0; b < rows; b++)
            shares[b] = (float)Predict(tokens.AsSpan(b * length, length), cache.AsSpan(b * vocabulary, vocabulary));
        using var scope = torch.NewDisposeScope();
        var device = logProbabilities.device;
        var share = torch.tensor(shares, device: device).unsqueeze(1);                                  // (B, 1)
        var cached = torch.tensor(cache, device: device).reshape(rows, vocabulary);                    // (B, V)
        var blended = logProbabilities.exp().mul(1 - share).add_(cached.mul_(share)).log_();           // (B, V)
        return blended.MoveToOuterDisposeScope();
    }
}

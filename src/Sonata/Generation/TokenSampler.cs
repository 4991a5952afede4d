namespace Sonata.Generation;

/// <summary>
/// Picks the next token's id from the model's log-probabilities: the argmax (greedy), or a draw
/// with a <see cref="Random"/> seeded once, so that the same seed gives the same tokens. Plain C#
/// over a V-long array, independent of torch's random state and thread count.
/// </summary>
public sealed class TokenSampler
{
    private readonly SamplingOptions _options;
    private readonly Random _random;

    public TokenSampler(SamplingOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _random = new Random(seed);
    }

    /// <summary>The id of the next token; ties go to the lowest id.</summary>
    public int Next(ReadOnlySpan<float> logProbabilities)
    {
        if (logProbabilities.IsEmpty) throw new ArgumentException("No probabilities to choose from.", nameof(logProbabilities));
        return _options.Strategy == SamplingStrategy.Greedy ? ArgMax(logProbabilities) : Draw(logProbabilities);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }

    /// <summary>softmax(log p / T), cut to the top-k and then to the top-p nucleus, renormalised, drawn.</summary>
    private int Draw(ReadOnlySpan<float> logProbabilities)
    {
        // Likeliest first; equal values in id order, so the order never depends on the sort.
        int[] order = new int[logProbabilities.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        float[] values = logProbabilities.ToArray();
        Array.Sort(order, (a, b) => values[a] != values[b] ? values[b].CompareTo(values[a]) : a.CompareTo(b));

        // Weights relative to the likeliest token, so exp never overflows: exp((x - max) / T).
        int kept = Math.Min(order.Length, _options.TopK ?? order.Length);
        double max = values[order[0]];
        double[] weights = new double[kept];
        double total = 0;
        for (int i = 0; i < kept; i++)
            total += weights[i] = Math.Exp((values[order[i]] - max) / _options.Temperature);

        if (_options.TopP is { } topP)
        {
            double cumulative = 0;
            for (int i = 0; i < kept; i++)
            {
                cumulative += weights[i];
                if (cumulative >= topP * total)
                {
                    kept = i + 1;
                    total = cumulative;
                    break;
                }
            }
        }

        double target = _random.NextDouble() * total;
        double sum = 0;
        for (int i = 0; i < kept; i++)
        {
            sum += weights[i];
            if (target < sum) return order[i];
        }
        return order[kept - 1];   // float rounding at the very end
    }
}

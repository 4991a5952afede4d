namespace Sonata.Generation;

/// <summary>How <see cref="TokenSampler"/> picks each next token.</summary>
public sealed record SamplingOptions
{
    /// <summary>Greedy (the lab's argmax) or a seeded draw.</summary>
    public SamplingStrategy Strategy { get; init; } = SamplingStrategy.Greedy;

    /// <summary>
    /// Divides the log-probabilities before the draw: below 1 sharpens toward the likeliest
    /// tokens, above 1 flattens. 1 draws from the model's own distribution.
    /// </summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Draw only among the K likeliest tokens; null: all.</summary>
    public int? TopK { get; init; }

    /// <summary>Draw only among the fewest likeliest tokens whose probabilities sum to at least P (nucleus); null: all.</summary>
    public double? TopP { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Temperature) || Temperature <= 0)
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "The temperature must be positive.");
        if (TopK < 1)
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "Top-k must be at least 1.");
        if (TopP is { } p && !(p > 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "Top-p must lie in (0, 1].");
    }

    /// <summary>"greedy", or "sample (temperature 0.8, top-k 20)": how messages name the strategy.</summary>
    public override string ToString()
    {
        if (Strategy == SamplingStrategy.Greedy) return "greedy";
        var parts = new List<string> { FormattableString.Invariant($"temperature {Temperature}") };
        if (TopK is { } k) parts.Add(FormattableString.Invariant($"top-k {k}"));
        if (TopP is { } p) parts.Add(FormattableString.Invariant($"top-p {p}"));
        return $"sample ({string.Join(", ", parts)})";
    }
}

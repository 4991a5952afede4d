namespace Sonata.Generation;

/// <summary>How <see cref="Generator"/> continues a primer (the lab's Problem 4).</summary>
public sealed record GenerationOptions
{
    /// <summary>New tokens to predict after the primer. Lab: 500.</summary>
    public int Length { get; init; } = 500;

    /// <summary>Re-read the last window each step (the lab's way) or carry the LSTM state.</summary>
    public ContextMode Context { get; init; } = ContextMode.Window;

    /// <summary>How each token is picked.</summary>
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>
    /// How a rhythm-aware model's step and duration are picked: by default drawn from the model's
    /// own distributions (temperature 1) when tokens are drawn, the likeliest when tokens are greedy.
    /// Null: that default.
    /// </summary>
    public SamplingOptions? Timing { get; init; }

    /// <summary>
    /// The longest run of tokens the generated part may copy verbatim from the training pieces:
    /// a token that would make a longer one is not drawn (the next likeliest is). Null: no limit
    /// (the lab's way).
    /// </summary>
    public int? MaxCopy { get; init; }

    /// <summary>Seeds the draws of <see cref="SamplingStrategy.Sample"/>: the same seed gives the same tokens.</summary>
    public int Seed { get; init; }

    /// <summary>The timing's sampling, <see cref="Timing"/> or its default.</summary>
    public SamplingOptions TimingSampling => Timing ?? new SamplingOptions { Strategy = Sampling.Strategy };
}

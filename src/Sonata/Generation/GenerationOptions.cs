namespace Sonata.Generation;

/// <summary>How <see cref="Generator"/> continues a primer (the lab's Problem 4).</summary>
public sealed record GenerationOptions
{
    /// <summary>New tokens to predict after the primer. Lab: 500.</summary>
    public int Length { get; init; } = 500;

    /// <summary>Re-read the last window each step (the lab's way) or carry the LSTM state.</summary>
    public ContextMode Context { get; init; } = ContextMode.Window;

    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>Seeds the draws of <see cref="SamplingStrategy.Sample"/>: the same seed gives the same tokens.</summary>
    public int Seed { get; init; }
}

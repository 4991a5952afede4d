namespace Sonata.Generation;

/// <summary>
/// How <see cref="Generator"/> continues a primer (the lab's Problem 4). The defaults are what the
/// music figures chose over two sets of 20 seeds (docs/composing-defaults.md, docs/held-out.md): the
/// state carried, tokens drawn at a temperature of 0.75 from the networks and the run's context
/// cache (no memory of the corpus, no key pull), the timing from the model's own distribution, no
/// run of more than 16 tokens copied from the training pieces. <see cref="Lab"/> is the lab's way.
/// </summary>
public sealed record GenerationOptions
{
    /// <summary>New tokens to predict after the primer. Lab: 500.</summary>
    public int Length { get; init; } = 500;

    /// <summary>Carry the LSTM state (fast) or re-read the last window each step (the lab's way).</summary>
    public ContextMode Context { get; init; } = ContextMode.Stream;

    /// <summary>How each token is picked. Lab: greedy.</summary>
    public SamplingOptions Sampling { get; init; } = new() { Strategy = SamplingStrategy.Sample, Temperature = 0.75 };

    /// <summary>
    /// How a rhythm-aware model's step and duration are picked: by default drawn from the model's
    /// own distributions (temperature 1) when tokens are drawn, the likeliest when tokens are greedy.
    /// Null: that default.
    /// </summary>
    public SamplingOptions? Timing { get; init; }

    /// <summary>
    /// The longest run of tokens the generated part may copy verbatim from the training pieces:
    /// a token that would make a longer one is not drawn (the next likeliest is). It applies where
    /// the training pieces are known (a run that keeps its corpus's events). Null: no limit (the
    /// lab's way). 16: the longest any excerpt of the Mozart corpus shares with another sonata.
    /// </summary>
    public int? MaxCopy { get; init; } = 16;

    /// <summary>
    /// Keeps the draws in the key of the last 100 tokens: each pitch of a token outside that
    /// scale multiplies the token's probability by this factor, in (0, 1]; null: no pull. Off by
    /// default since the context cache holds a piece to its own material, and so to its key: with
    /// both, the median share in one scale rose above the corpus's range (docs/held-out.md).
    /// </summary>
    public double? KeyPull { get; init; }

    /// <summary>
    /// The n-gram memory's share in each prediction while composing: 0, the networks alone (the
    /// memory recites the training pieces); null: the run's own, as it was scored (the lab's way).
    /// The run is opened with it (<c>RunOpening.MemoryWeight</c>), so that a memory composing does
    /// not use is never counted.
    /// </summary>
    public double? MemoryWeight { get; init; } = 0;

    /// <summary>
    /// The context cache's largest share while composing (what the piece so far repeats, see
    /// <c>ContextCache</c>): null, the run's own, as it was scored; 0: none (the lab's way).
    /// </summary>
    public double? CacheWeight { get; init; }

    /// <summary>Seeds the draws of <see cref="SamplingStrategy.Sample"/>: the same seed gives the same tokens.</summary>
    public int Seed { get; init; }

    /// <summary>The lab's way: greedy, each token from the last window read from zeros, the run's memory, no copy limit, no key pull.</summary>
    public static GenerationOptions Lab { get; } = new()
    {
        Context = ContextMode.Window, Sampling = new SamplingOptions(), MaxCopy = null, MemoryWeight = null, KeyPull = null, CacheWeight = 0,
    };

    /// <summary>The lab's way (<see cref="Lab"/>) or the default.</summary>
    public static GenerationOptions For(bool lab) => lab ? Lab : new GenerationOptions();

    /// <summary>The timing's sampling, <see cref="Timing"/> or its default.</summary>
    public SamplingOptions TimingSampling => Timing ?? new SamplingOptions { Strategy = Sampling.Strategy };
}

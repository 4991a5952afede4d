namespace Sonata.Training;

/// <summary>The shape of the <see cref="StreamsRecipe"/>'s batches.</summary>
public sealed record StreamsOptions
{
    /// <summary>
    /// Parallel streams through the training tokens: the batch size (B). Many short chunks beat
    /// few long ones at the same cost: 64 × 25 reached 36.5 % validation in 3 CPU minutes where
    /// 16 × 100 reached 35.2 % and 128 × 13 35.9 % (docs/recipe-race.md).
    /// </summary>
    public int Streams { get; init; } = 64;

    /// <summary>Tokens each stream advances a step (C): the span back-propagated through.</summary>
    public int ChunkLength { get; init; } = 25;

    /// <summary>
    /// Passes through the training tokens in one epoch (each from a fresh offset and zeroed state).
    /// One pass is 71 steps of the corpus, about a minute on a 2-core CPU: with each epoch validated
    /// on a subset, a patience and a time budget can act every minute.
    /// </summary>
    public int PassesPerEpoch { get; init; } = 1;
}

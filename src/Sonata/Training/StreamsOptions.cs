namespace Sonata.Training;

/// <summary>The shape of the <see cref="StreamsRecipe"/>'s batches.</summary>
public sealed record StreamsOptions
{
    /// <summary>Parallel streams through the training tokens: the batch size (B).</summary>
    public int Streams { get; init; } = 16;

    /// <summary>Tokens each stream advances a step (C): the span back-propagated through.</summary>
    public int ChunkLength { get; init; } = 100;

    /// <summary>
    /// Passes through the training tokens in one epoch (each from a fresh offset and zeroed state).
    /// A pass is short next to a full validation, so an epoch holds several.
    /// </summary>
    public int PassesPerEpoch { get; init; } = 4;
}

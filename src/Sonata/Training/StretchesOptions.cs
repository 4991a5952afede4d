namespace Sonata.Training;

/// <summary>The shape of the <see cref="StretchesRecipe"/>'s batches.</summary>
public sealed record StretchesOptions
{
    /// <summary>Stretches of a window's length read side by side: the batch size (B).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>
    /// Passes through the training tokens in one epoch, each cut from its own offset. Scoring a
    /// window costs an attending network as much as training on a hundred of its positions, so
    /// an epoch of a few passes keeps validation a small share of the time.
    /// </summary>
    public int PassesPerEpoch { get; init; } = 2;
}

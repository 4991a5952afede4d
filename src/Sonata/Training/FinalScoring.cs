using Sonata.Dataset;

namespace Sonata.Training;

/// <summary>
/// What the best epoch is scored on once training stops: the lab's way, the whole test split (and
/// the whole validation split too, when epochs validated a subset); or, with
/// <see cref="TrainingOptions.TestWindows"/>, a fixed seeded subset of the test split, its
/// validation figure being the one its epoch already scored.
/// </summary>
/// <param name="Validation">Validation windows to score again, or null.</param>
/// <param name="Test">Test windows to score.</param>
internal sealed record FinalScoring(long[]? Validation, long[] Test)
{
    /// <summary>Windows scored in all.</summary>
    public int Windows => (Validation?.Length ?? 0) + Test.Length;

    public static FinalScoring For(TrainingOptions options, DatasetSplit split) => options.TestWindows is { } subset
        ? new FinalScoring(null, WindowSubset.Of(split.Test, subset, options.Seed))
        : new FinalScoring(options.ValidationWindows is null ? null : split.Validation, split.Test);
}

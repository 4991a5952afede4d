namespace Sonata.Training;

/// <summary>Which epochs' checkpoints a run keeps (<c>--keep-checkpoints</c>).</summary>
public enum CheckpointKeeping
{
    /// <summary>The newest (what a resume continues) and the best by validation (what speaks for the run).</summary>
    NewestAndBest,
    /// <summary>Every epoch's.</summary>
    All,
}

namespace Sonata.Training;

/// <summary>
/// What a checkpoint says about itself, ahead of its tensors: the epoch it ends, every option,
/// the vocabulary (token per id) and the metrics of every epoch so far, the last being this one's
/// loss. That is all resuming needs: each epoch draws its shuffle and torch's random state from
/// (seed, epoch), and the carried LSTM state restarts at zero every epoch.
/// </summary>
public sealed record CheckpointHeader(
    int Format,
    int Epoch,
    TrainingConfig Config,
    IReadOnlyList<string> Vocabulary,
    IReadOnlyList<EpochMetrics> History);

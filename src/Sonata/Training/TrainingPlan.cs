namespace Sonata.Training;

/// <summary>What a run is about to do: reported once, when it starts.</summary>
public sealed record TrainingPlan(
    long Tokens,
    int VocabularySize,
    long Windows,
    int TrainWindows,
    int ValWindows,
    int TestWindows,
    int TrainBatches,
    int ValBatches,
    int TestBatches,
    int FirstEpoch,
    int Epochs,
    string Device,
    int Threads,
    string? ResumedFrom,
    string Recipe = "lab");

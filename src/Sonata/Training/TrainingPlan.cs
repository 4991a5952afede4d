namespace Sonata.Training;

/// <summary>What a run is about to do: reported once, when it starts.</summary>
public sealed record TrainingPlan
{
    /// <summary>Tokens of the corpus, files concatenated.</summary>
    public long Tokens { get; init; }

    public int VocabularySize { get; init; }

    /// <summary>Windows of the sequence length and their labels, before the split.</summary>
    public long Windows { get; init; }

    public int TrainWindows { get; init; }

    public int ValWindows { get; init; }

    public int TestWindows { get; init; }

    /// <summary>Training batches (steps) in a full epoch of the recipe.</summary>
    public int TrainBatches { get; init; }

    public int ValBatches { get; init; }

    public int TestBatches { get; init; }

    /// <summary>The epoch this session starts with (1, or the one after a resumed checkpoint).</summary>
    public int FirstEpoch { get; init; }

    public int Epochs { get; init; }

    public string Device { get; init; } = "";

    public int Threads { get; init; }

    /// <summary>The checkpoint a resumed run continues from, or null.</summary>
    public string? ResumedFrom { get; init; }

    public Recipe Recipe { get; init; }

    /// <summary>What may make this run's figures wrong on this machine, in words (an LSTM libtorch computes wrong here).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Where the corpus was too small for the options and the run fitted them (fewer streams, fewer held-out pieces), in words.</summary>
    public IReadOnlyList<string> Fitted { get; init; } = [];
}

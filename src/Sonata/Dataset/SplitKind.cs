namespace Sonata.Dataset;

/// <summary>How windows are dealt into training, validation and test.</summary>
public enum SplitKind
{
    /// <summary>The lab's: a seeded random 70/15/15 split of all windows (neighbours overlap across splits).</summary>
    Windows,

    /// <summary>Whole files held out: windows inside validation or test files only, none straddling two splits.</summary>
    Pieces,
}

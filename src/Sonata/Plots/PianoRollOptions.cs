namespace Sonata.Plots;

/// <summary>The size and title of a piano-roll picture.</summary>
public sealed record PianoRollOptions
{
    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 1600;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 700;

    /// <summary>Title above the plot.</summary>
    public string Title { get; init; } = "Piano roll";
}

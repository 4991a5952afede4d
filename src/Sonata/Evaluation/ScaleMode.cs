namespace Sonata.Evaluation;

/// <summary>The two kinds of scale a piece is fitted to.</summary>
public enum ScaleMode
{
    /// <summary>Major: tonic + 0, 2, 4, 5, 7, 9, 11 semitones.</summary>
    Major,

    /// <summary>Natural minor: tonic + 0, 2, 3, 5, 7, 8, 10 semitones.</summary>
    Minor,
}

namespace Sonata.Generation;

/// <summary>How the next token is chosen from the model's probabilities.</summary>
public enum SamplingStrategy
{
    /// <summary>The most likely token (argmax), as the lab does.</summary>
    Greedy,

    /// <summary>A seeded random draw, shaped by temperature, top-k and top-p.</summary>
    Sample,
}

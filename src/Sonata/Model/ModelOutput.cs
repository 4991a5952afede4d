using static TorchSharp.torch;

namespace Sonata.Model;

/// <summary>
/// What a model says after the last step of each of B contexts: (B, V) log-probabilities of the
/// next token (for a rhythm-aware network, summed over the next step), and the LSTM state, hidden
/// and cell, each (layers, B, H) (an ensemble's stacked: members · layers).
/// </summary>
public sealed record ModelOutput(Tensor LogProbabilities, Tensor Hidden, Tensor Cell)
{
    /// <summary>A rhythm-aware model's heads at the last step: the next step, then token, then duration; null for the lab's network.</summary>
    public RhythmHeads? Rhythm { get; init; }
}

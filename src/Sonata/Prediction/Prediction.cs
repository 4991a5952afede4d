using Sonata.Model;
using static TorchSharp.torch;

namespace Sonata.Prediction;

/// <summary>
/// What a <see cref="Predictor"/> says comes next after each context of a batch, as (B, V)
/// log-probabilities: the blend it predicts with, and its networks' own (the same tensor when it
/// has no memory); for rhythm-aware networks, their heads too. All belong to the caller's dispose scope.
/// </summary>
public sealed record Prediction(Tensor LogProbabilities, Tensor NetworkLogProbabilities)
{
    /// <summary>The networks' heads for the next step, token given the step, and duration, when they are rhythm-aware.</summary>
    public RhythmHeads? Rhythm { get; init; }
}

using static TorchSharp.torch;

namespace Sonata.Prediction;

/// <summary>
/// What a <see cref="Predictor"/> says comes next after each context of a batch, as (B, V)
/// log-probabilities: the blend it predicts with, and its networks' own (the same tensor when it
/// has no memory). Both belong to the caller's dispose scope.
/// </summary>
public sealed record Prediction(Tensor LogProbabilities, Tensor NetworkLogProbabilities);

using Sonata.Dataset;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Model;

/// <summary>
/// A rhythm-aware model's view of the next event after each of B contexts, asked in the order
/// it is predicted: its step, then its token given the step, then its duration given both. An
/// ensemble's heads average its members' probabilities. Tensors belong to the caller's dispose scope.
/// </summary>
public abstract class RhythmHeads
{
    /// <summary>(B, S) log-probabilities of the next token's step class.</summary>
    public abstract Tensor Steps();

    /// <summary>(B, V) log-probabilities of the next token, given its step classes <paramref name="steps"/> (B,).</summary>
    public abstract Tensor TokensGiven(Tensor steps);

    /// <summary>(B, D) log-probabilities of the next token's duration class, given its step (B,) and token (B,).</summary>
    public abstract Tensor DurationsGiven(Tensor steps, Tensor tokens);

    /// <summary>(B, V) log-probabilities of the next token whatever its step: log Σ_s P(s) · P(token | s), every step class tried.</summary>
    public Tensor StepSummedTokens()
    {
        using var scope = torch.NewDisposeScope();
        var steps = Steps();                                                                       // (B, S)
        var given = torch.stack([.. Enumerable.Range(0, TimingClasses.Count).Select(s =>
            TokensGiven(torch.full(steps.shape[0], s, dtype: ScalarType.Int64, device: steps.device)))]);   // (S, B, V)
        var joint = given + steps.t().unsqueeze(2);                                                // (S, B, V)
        return joint.logsumexp(0).MoveToOuterDisposeScope();                                       // (B, V)
    }
}

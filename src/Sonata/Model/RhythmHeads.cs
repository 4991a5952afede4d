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
}

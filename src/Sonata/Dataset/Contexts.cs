using static TorchSharp.torch;

namespace Sonata.Dataset;

/// <summary>
/// What a network reads: (B, L) token ids and, for the rhythm-aware network, each token's step and
/// duration classes (<see cref="TimingClasses"/>), also (B, L). A token tensor alone converts to it.
/// </summary>
public sealed record Contexts(Tensor Tokens, Tensor? Steps = null, Tensor? Durations = null)
{
    public static implicit operator Contexts(Tensor tokens) => new(tokens);

    /// <summary>Whether each token's timing is there too.</summary>
    public bool HasTiming => Steps is not null && Durations is not null;

    /// <summary>The same contexts on <paramref name="device"/>.</summary>
    public Contexts To(Device device) => new(Tokens.to(device), Steps?.to(device), Durations?.to(device));
}

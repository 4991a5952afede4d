using Sonata.Fuzz;

namespace Sonata.Bench;

/// <summary>What reading one mutated file gave: tokens, a refusal, or a crash (any other exception).</summary>
internal sealed record FuzzOutcome(
    string FileName, MutationKind Kind, string Detail, TimeSpan Time, int Tokens, string? Refusal, string? Crash)
{
    public bool IsRead => Refusal is null && Crash is null;
}

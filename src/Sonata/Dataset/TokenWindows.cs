using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Dataset;

/// <summary>
/// The corpus as overlapping windows, as the lab builds them: window i is the ids
/// <c>[i, i + L)</c> of the concatenated token stream and its label is the id at <c>i + L</c>.
/// Holds the stream once (N ids, and each token's timing classes when known) and gathers each
/// batch's windows on demand.
/// </summary>
public sealed class TokenWindows : IDisposable
{
    private readonly Tensor _ids;       // (N,) int64, CPU
    private readonly Tensor? _steps;    // (N,) int64 step classes, or null
    private readonly Tensor? _durations;  // (N,) int64 duration classes, or null
    private readonly Tensor _offsets;   // (L,) int64: 0, 1, ..., L-1

    /// <param name="timing">Each token's timing, to give the windows with their steps and durations; null: tokens only.</param>
    public TokenWindows(long[] ids, int sequenceLength, CorpusTiming? timing = null)
    {
        if (sequenceLength < 1) throw new ArgumentOutOfRangeException(nameof(sequenceLength));
        if (ids.Length <= sequenceLength)
            throw new UserErrorException(
                $"the corpus holds {ids.Length:N0} tokens, which make no window of {sequenceLength} and its label: train on more music, or with a shorter --sequence-length");
        SequenceLength = sequenceLength;
        Count = ids.Length - sequenceLength;
        _ids = torch.tensor(ids).DetachFromDisposeScope();
        _steps = timing is null ? null : torch.tensor(timing.Steps).DetachFromDisposeScope();
        _durations = timing is null ? null : torch.tensor(timing.Durations).DetachFromDisposeScope();
        _offsets = torch.arange(sequenceLength, dtype: ScalarType.Int64).DetachFromDisposeScope();
    }

    public int SequenceLength { get; }

    /// <summary>Number of windows: N − L.</summary>
    public long Count { get; }

    /// <summary>Whether the windows come with each token's timing.</summary>
    public bool HasTiming => _steps is not null;

    /// <summary>
    /// The windows starting at <paramref name="starts"/> (with their tokens' timing when known), their
    /// labels, and the labels' step classes (or null), on <paramref name="device"/>.
    /// </summary>
    public (Contexts Inputs, Tensor Labels, Tensor? LabelSteps) Batch(long[] starts, Device device)
    {
        using var first = torch.tensor(starts);                       // (B,)
        using var positions = first.unsqueeze(1) + _offsets;          // (B, L)
        using var next = first + SequenceLength;                      // (B,)
        var tokens = _ids.take(positions).to(device);                 // (B, L) ids
        var labels = _ids.take(next).to(device);                      // (B,)   id of the next token
        if (_steps is null || _durations is null) return (tokens, labels, null);
        var inputs = new Contexts(tokens, _steps.take(positions).to(device), _durations.take(positions).to(device));   // (B, L) thrice
        return (inputs, labels, _steps.take(next).to(device));       // (B,) the next token's step class
    }

    public void Dispose()
    {
        _steps?.Dispose();
        _durations?.Dispose();
        _ids.Dispose();
        _offsets.Dispose();
    }
}

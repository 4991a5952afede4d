using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Dataset;

/// <summary>
/// The corpus as overlapping windows, as the lab builds them: window i is the ids
/// <c>[i, i + L)</c> of the concatenated token stream and its label is the id at <c>i + L</c>.
/// Holds the stream once (N ids) and gathers each batch's windows on demand.
/// </summary>
public sealed class TokenWindows : IDisposable
{
    private readonly Tensor _ids;       // (N,) int64, CPU
    private readonly Tensor _offsets;   // (L,) int64: 0, 1, ..., L-1

    public TokenWindows(long[] ids, int sequenceLength)
    {
        if (sequenceLength < 1) throw new ArgumentOutOfRangeException(nameof(sequenceLength));
        if (ids.Length <= sequenceLength)
            throw new ArgumentException(
                $"the corpus holds {ids.Length:N0} tokens, which make no window of {sequenceLength} and its label: train on more music, or with a shorter --sequence-length");
        SequenceLength = sequenceLength;
        Count = ids.Length - sequenceLength;
        _ids = torch.tensor(ids).DetachFromDisposeScope();
        _offsets = torch.arange(sequenceLength, dtype: ScalarType.Int64).DetachFromDisposeScope();
    }

    public int SequenceLength { get; }

    /// <summary>Number of windows: N − L.</summary>
    public long Count { get; }

    /// <summary>The windows starting at <paramref name="starts"/> and their labels, on <paramref name="device"/>.</summary>
    public (Tensor Inputs, Tensor Labels) Batch(long[] starts, Device device)
    {
        using var first = torch.tensor(starts);                       // (B,)
        using var positions = first.unsqueeze(1) + _offsets;          // (B, L)
        using var next = first + SequenceLength;                      // (B,)
        var inputs = _ids.take(positions).to(device);                 // (B, L) ids
        var labels = _ids.take(next).to(device);                      // (B,)   id of the next token
        return (inputs, labels);
    }

    public void Dispose()
    {
        _ids.Dispose();
        _offsets.Dispose();
    }
}

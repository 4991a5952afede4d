using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Model;

/// <summary>
/// The recurrent state an LSTM hands from one batch to the next: hidden and cell, each
/// (layers, B, H). Owned by whoever carries it (detached from every dispose scope).
/// </summary>
public sealed class LstmState : IDisposable
{
    private LstmState(Tensor hidden, Tensor cell)
    {
        Hidden = hidden;
        Cell = cell;
    }

    public Tensor Hidden { get; }   // (layers, B, H)

    public Tensor Cell { get; }     // (layers, B, H)

    public long BatchSize => Hidden.shape[1];

    /// <summary>Keeps the values of <paramref name="hidden"/> and <paramref name="cell"/>, cut from the autograd graph.</summary>
    public static LstmState Detached(Tensor hidden, Tensor cell) =>
        new(hidden.detach().DetachFromDisposeScope(), cell.detach().DetachFromDisposeScope());

    /// <summary>
    /// The state for a batch of <paramref name="rows"/> windows: this state when the sizes agree,
    /// its first rows when the batch is smaller (the last, partial evaluation batch), else null
    /// (start from zeros).
    /// </summary>
    public (Tensor Hidden, Tensor Cell)? For(long rows)
    {
        if (rows == BatchSize) return (Hidden, Cell);
        if (rows < BatchSize) return (Hidden.narrow(1, 0, rows), Cell.narrow(1, 0, rows));   // (layers, rows, H)
        return null;
    }

    public void Dispose()
    {
        Hidden.Dispose();
        Cell.Dispose();
    }
}

using Sonata.Model;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>
/// The LSTM state each member of a model carries, detached, from one training batch to the next
/// (none yet: zeros). Owned by a recipe, which resets it where its batches stop following on.
/// </summary>
public sealed class CarriedStates(int members) : IDisposable
{
    private readonly LstmState?[] _states = new LstmState?[members];

    /// <summary>Refuses a model whose member count is not the one these states were made for.</summary>
    public void EnsureFits(MusicModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Members.Count != _states.Length)
            throw new ArgumentException($"this recipe was made for {_states.Length} member(s), the model has {model.Members.Count}", nameof(model));
    }

    /// <summary>The state <paramref name="member"/> carries into a batch of <paramref name="rows"/>, or null for zeros.</summary>
    public (Tensor Hidden, Tensor Cell)? For(int member, long rows) => _states[member]?.For(rows);

    /// <summary>Keeps <paramref name="member"/>'s state after a batch, cut from the graph, in place of the one before.</summary>
    public void Carry(int member, Tensor hidden, Tensor cell)
    {
        var carried = LstmState.Detached(hidden, cell);
        _states[member]?.Dispose();
        _states[member] = carried;
    }

    /// <summary>Back to zeros for every member.</summary>
    public void Reset()
    {
        foreach (var state in _states) state?.Dispose();
        Array.Clear(_states);
    }

    public void Dispose() => Reset();
}

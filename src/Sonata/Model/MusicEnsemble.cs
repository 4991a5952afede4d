using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sonata.Model;

/// <summary>
/// <see cref="ModelOptions.Members"/> lab networks, each with its own initial weights, trained on
/// their own losses, whose next-token probabilities are averaged. Their mistakes, learned from
/// the same few sonatas, differ more than their right answers do, so the average predicts unseen
/// windows better than any one of them. The state is the members' states stacked along the layer
/// axis: (members · layers, B, H).
/// </summary>
public sealed class MusicEnsemble : MusicModel
{
    // Field name = state-dict prefix ("members.0.embedding.weight"): do not rename.
#pragma warning disable IDE1006
    private readonly ModuleList<MusicLstm> members;
#pragma warning restore IDE1006

    public MusicEnsemble(int vocabularySize, ModelOptions options) : base(nameof(MusicEnsemble), vocabularySize, options)
    {
        if (options.Members < 2) throw new ArgumentOutOfRangeException(nameof(options), options.Members, "an ensemble has at least two members");
        var single = options with { Members = 1 };
        Members = [.. Enumerable.Range(0, options.Members).Select(_ => new MusicLstm(vocabularySize, single))];
        members = new ModuleList<MusicLstm>([.. Members]);
        RegisterComponents();
    }

    public override IReadOnlyList<MusicLstm> Members { get; }

    /// <summary>
    /// <paramref name="tokens"/>: (B, L) ids; <paramref name="state"/>: (members · layers, B, H)
    /// twice, or null. Returns the log of the members' mean probabilities (B, V) and their states.
    /// </summary>
    public override (Tensor LogProbabilities, Tensor Hidden, Tensor Cell) forward(Tensor tokens, (Tensor Hidden, Tensor Cell)? state)
    {
        int layers = Options.Layers;
        var logProbabilities = new List<Tensor>(members.Count);
        var hiddens = new List<Tensor>(members.Count);
        var cells = new List<Tensor>(members.Count);
        for (int m = 0; m < members.Count; m++)
        {
            var own = state is { } s ? (s.Hidden.narrow(0, m * layers, layers), s.Cell.narrow(0, m * layers, layers)) : ((Tensor, Tensor)?)null;
            var (memberLogProbabilities, hidden, cell) = members[m].forward(tokens, own);    // (B, V); (layers, B, H) twice
            logProbabilities.Add(memberLogProbabilities);
            hiddens.Add(hidden);
            cells.Add(cell);
        }
        using var stacked = torch.stack(logProbabilities);                                  // (M, B, V)
        using var summed = stacked.logsumexp(0);                                             // (B, V): log Σ p
        var mean = summed - Math.Log(members.Count);                                         // (B, V): log mean p
        return (mean, torch.cat(hiddens), torch.cat(cells));                                 // (M·layers, B, H) twice
    }
}

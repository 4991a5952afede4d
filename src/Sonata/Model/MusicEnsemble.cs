using Sonata.Dataset;
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
    private readonly ModuleList<MusicModel> members;
#pragma warning restore IDE1006

    public MusicEnsemble(int vocabularySize, ModelOptions options) : base(nameof(MusicEnsemble), vocabularySize, options)
    {
        if (options.Members < 2) throw new ArgumentOutOfRangeException(nameof(options), options.Members, "an ensemble has at least two members");
        var single = options with { Members = 1 };
        Members = [.. Enumerable.Range(0, options.Members).Select(_ => Create(vocabularySize, single))];
        members = new ModuleList<MusicModel>([.. Members]);
        RegisterComponents();
    }

    public override IReadOnlyList<MusicModel> Members { get; }

    /// <summary>
    /// <paramref name="contexts"/>: (B, L); <paramref name="state"/>: (members · layers, B, H)
    /// twice, or null. Returns the log of the members' mean probabilities (B, V), their states, and
    /// (rhythm-aware members) heads that average theirs.
    /// </summary>
    public override ModelOutput forward(Contexts contexts, (Tensor Hidden, Tensor Cell)? state)
    {
        int layers = Options.Layers;
        var outputs = new List<ModelOutput>(members.Count);
        for (int m = 0; m < members.Count; m++)
        {
            var own = state is { } s ? (s.Hidden.narrow(0, m * layers, layers), s.Cell.narrow(0, m * layers, layers)) : ((Tensor, Tensor)?)null;
            outputs.Add(members[m].forward(contexts, own));                                 // (B, V); (layers, B, H) twice
        }
        var mean = Mean([.. outputs.Select(o => o.LogProbabilities)]);                      // (B, V)
        var rhythm = outputs.All(o => o.Rhythm is not null) ? new MeanHeads([.. outputs.Select(o => o.Rhythm!)]) : null;
        return new ModelOutput(mean, torch.cat([.. outputs.Select(o => o.Hidden)]), torch.cat([.. outputs.Select(o => o.Cell)])) { Rhythm = rhythm };
    }

    /// <summary>An ensemble trains member by member (<see cref="MusicModel.Members"/>), never as a whole.</summary>
    public override (Tensor Losses, Tensor Hidden, Tensor Cell) StepLosses(Contexts inputs, Contexts targets, (Tensor Hidden, Tensor Cell)? state) =>
        throw new InvalidOperationException("an ensemble's members train each on their own loss");

    /// <summary>log of the mean of the probabilities: (M) × (B, K) log-probabilities → (B, K).</summary>
    private static Tensor Mean(IReadOnlyList<Tensor> logProbabilities)
    {
        using var stacked = torch.stack(logProbabilities);                                  // (M, B, K)
        using var summed = stacked.logsumexp(0);                                             // (B, K): log Σ p
        return summed - Math.Log(logProbabilities.Count);                                    // (B, K): log mean p
    }

    /// <summary>The members' heads, their probabilities averaged.</summary>
    private sealed class MeanHeads(IReadOnlyList<RhythmHeads> heads) : RhythmHeads
    {
        public override Tensor Steps() => Mean([.. heads.Select(h => h.Steps())]);

        public override Tensor TokensGiven(Tensor steps) => Mean([.. heads.Select(h => h.TokensGiven(steps))]);

        public override Tensor DurationsGiven(Tensor steps, Tensor tokens) => Mean([.. heads.Select(h => h.DurationsGiven(steps, tokens))]);
    }
}

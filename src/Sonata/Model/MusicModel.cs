using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sonata.Model;

/// <summary>
/// What training, evaluation and generation run: one <see cref="MusicLstm"/> (the lab's network)
/// or a <see cref="MusicEnsemble"/> of several, trained side by side and averaged. forward reads
/// (B, L) ids and gives (B, V) log-probabilities of the next token, and the state after the last
/// step; recipes train each of <see cref="Members"/> on its own loss.
/// </summary>
public abstract class MusicModel : Module<Tensor, (Tensor Hidden, Tensor Cell)?, (Tensor LogProbabilities, Tensor Hidden, Tensor Cell)>
{
    protected MusicModel(string name, int vocabularySize, ModelOptions options) : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        VocabularySize = vocabularySize;
        Options = options;
    }

    public int VocabularySize { get; }

    public ModelOptions Options { get; }

    /// <summary>The networks that each learn on their own: this one alone, or an ensemble's members.</summary>
    public abstract IReadOnlyList<MusicLstm> Members { get; }

    /// <summary>The model <paramref name="options"/> describe: a single network, or an ensemble of <see cref="ModelOptions.Members"/>.</summary>
    public static MusicModel Create(int vocabularySize, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Members == 1 ? new MusicLstm(vocabularySize, options) : new MusicEnsemble(vocabularySize, options);
    }
}

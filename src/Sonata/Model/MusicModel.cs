using Sonata.Dataset;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sonata.Model;

/// <summary>
/// What training, evaluation and generation run: one network (the lab's <see cref="MusicLstm"/>,
/// or the rhythm-aware <see cref="RhythmLstm"/>) or a <see cref="MusicEnsemble"/> of several,
/// trained side by side and averaged. forward reads (B, L) contexts and gives (B, V)
/// log-probabilities of the next token, and the state after the last step; recipes train each of
/// <see cref="Members"/> on its own loss (<see cref="StepLosses"/>).
/// </summary>
public abstract class MusicModel : Module<Contexts, (Tensor Hidden, Tensor Cell)?, ModelOutput>
{
    protected MusicModel(string name, int vocabularySize, ModelOptions options) : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        VocabularySize = vocabularySize;
        Options = options;
    }

    public int VocabularySize { get; }

    public ModelOptions Options { get; }

    /// <summary>Whether the model reads each token's step and duration (and predicts them).</summary>
    public bool ReadsTiming => Options.ReadsTiming;

    /// <summary>The networks that each learn on their own: this one alone, or an ensemble's members.</summary>
    public abstract IReadOnlyList<MusicModel> Members { get; }

    /// <summary>
    /// One network's losses of predicting every next event of <paramref name="inputs"/> (B, C):
    /// the negative log-likelihood of each of <paramref name="targets"/>' (B, C) events, (B·C), and
    /// the state after the last step. Only a single network (a member) trains this way.
    /// </summary>
    public abstract (Tensor Losses, Tensor Hidden, Tensor Cell) StepLosses(Contexts inputs, Contexts targets, (Tensor Hidden, Tensor Cell)? state);

    /// <summary>Inputs of the first LSTM layer of a network <paramref name="options"/> describe: its embeddings side by side.</summary>
    public static int LstmInputSize(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Network == NetworkKind.Rhythm ? options.EmbeddingSize + 2 * RhythmLstm.TimingWidth : options.EmbeddingSize;
    }

    /// <summary>The model <paramref name="options"/> describe: a single network, or an ensemble of <see cref="ModelOptions.Members"/>.</summary>
    public static MusicModel Create(int vocabularySize, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Members > 1 ? new MusicEnsemble(vocabularySize, options)
            : options.Network switch
            {
                NetworkKind.Rhythm => new RhythmLstm(vocabularySize, options),
                NetworkKind.Transformer => new RhythmTransformer(vocabularySize, options),
                _ => new MusicLstm(vocabularySize, options),
            };
    }
}

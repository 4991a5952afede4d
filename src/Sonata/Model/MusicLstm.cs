using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sonata.Model;

/// <summary>
/// The lab's network: Embedding(V, E) → LSTM(E, H, layers, batch first) → last step →
/// BatchNorm1d(H) → Linear(H, H) → BatchNorm1d(H) → ReLU → Linear(H, V) → BatchNorm1d(V) →
/// LogSoftmax. Reads a batch of windows and gives, for each, log-probabilities of the next token.
/// </summary>
public sealed class MusicLstm : Module<Tensor, (Tensor Hidden, Tensor Cell)?, (Tensor LogProbabilities, Tensor Hidden, Tensor Cell)>
{
    // Field names are the state-dict keys (checkpoints, safetensors export): the same names as a
    // PyTorch module written the same way, so do not rename them.
#pragma warning disable IDE1006
    private readonly Embedding embedding;
    private readonly LSTM lstm;
    private readonly BatchNorm1d lstm_norm;
    private readonly Linear dense;
    private readonly BatchNorm1d dense_norm;
    private readonly ReLU relu;
    private readonly Linear output;
    private readonly BatchNorm1d output_norm;
    private readonly LogSoftmax log_softmax;
#pragma warning restore IDE1006

    public MusicLstm(int vocabularySize, ModelOptions options) : base(nameof(MusicLstm))
    {
        VocabularySize = vocabularySize;
        Options = options;
        embedding = Embedding(vocabularySize, options.EmbeddingSize);
        lstm = LSTM(options.EmbeddingSize, options.HiddenSize, options.Layers, batchFirst: true);
        lstm_norm = BatchNorm1d(options.HiddenSize);
        dense = Linear(options.HiddenSize, options.HiddenSize);
        dense_norm = BatchNorm1d(options.HiddenSize);
        relu = ReLU();
        output = Linear(options.HiddenSize, vocabularySize);
        output_norm = BatchNorm1d(vocabularySize);
        log_softmax = LogSoftmax(dim: 1);
        RegisterComponents();
    }

    public int VocabularySize { get; }

    public ModelOptions Options { get; }

    /// <summary>
    /// <paramref name="tokens"/>: (B, L) ids. <paramref name="state"/>: hidden and cell, each
    /// (layers, B, H), or null for zeros. Returns (B, V) log-probabilities of the token after each
    /// window, and the LSTM's state after the last step.
    /// </summary>
    public override (Tensor LogProbabilities, Tensor Hidden, Tensor Cell) forward(Tensor tokens, (Tensor Hidden, Tensor Cell)? state)
    {
        using var embedded = embedding.forward(tokens);                     // (B, L, E)
        var (sequence, hidden, cell) = lstm.forward(embedded, state);      // (B, L, H); (layers, B, H) twice
        using var _ = sequence;
        using var last = sequence.select(1, -1);                            // (B, H): the last step
        using var x1 = lstm_norm.forward(last);                             // (B, H)
        using var x2 = dense.forward(x1);                                   // (B, H)
        using var x3 = dense_norm.forward(x2);                              // (B, H)
        using var x4 = relu.forward(x3);                                    // (B, H)
        using var x5 = output.forward(x4);                                  // (B, V)
        using var x6 = output_norm.forward(x5);                             // (B, V)
        return (log_softmax.forward(x6), hidden, cell);                     // (B, V) log-probabilities
    }
}

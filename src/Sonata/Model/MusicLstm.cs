using Sonata.Dataset;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sonata.Model;

/// <summary>
/// The lab's network: Embedding(V, E) → LSTM(E, H, layers, batch first) → last step →
/// BatchNorm1d(H) → Linear(H, H) → BatchNorm1d(H) → ReLU → Linear(H, V) → BatchNorm1d(V) →
/// LogSoftmax. Reads a batch of windows and gives, for each, log-probabilities of the next token
/// (<see cref="forward"/>), or of the token after every step (<see cref="ForwardEveryStep"/>).
/// With <see cref="ModelOptions.Dropout"/>, dropout acts between the LSTM layers and on the
/// LSTM's output (training mode only); it has no weights, so the state dict is the lab's.
/// </summary>
public sealed class MusicLstm : MusicModel
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
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public MusicLstm(int vocabularySize, ModelOptions options) : base(nameof(MusicLstm), vocabularySize, options)
    {
        if (options.Members != 1) throw new ArgumentOutOfRangeException(nameof(options), options.Members, "one network is one member: MusicModel.Create builds ensembles");
        if (options.Network != NetworkKind.Lab) throw new ArgumentException("the lab's network reads tokens only: MusicModel.Create builds the rhythm-aware one", nameof(options));
        embedding = Embedding(vocabularySize, options.EmbeddingSize);
        lstm = LSTM(options.EmbeddingSize, options.HiddenSize, options.Layers, batchFirst: true,
            dropout: options.Layers > 1 ? options.Dropout : 0);
        lstm_norm = BatchNorm1d(options.HiddenSize);
        dense = Linear(options.HiddenSize, options.HiddenSize);
        dense_norm = BatchNorm1d(options.HiddenSize);
        relu = ReLU();
        output = Linear(options.HiddenSize, vocabularySize);
        output_norm = BatchNorm1d(vocabularySize);
        log_softmax = LogSoftmax(dim: 1);
        dropout = Dropout(options.Dropout);
        RegisterComponents();
    }

    /// <summary>This network alone.</summary>
    public override IReadOnlyList<MusicModel> Members => [this];

    /// <summary>
    /// <paramref name="contexts"/>: (B, L) ids. <paramref name="state"/>: hidden and cell, each
    /// (layers, B, H), or null for zeros. Returns (B, V) log-probabilities of the token after each
    /// window, and the LSTM's state after the last step.
    /// </summary>
    public override ModelOutput forward(Contexts contexts, (Tensor Hidden, Tensor Cell)? state)
    {
        using var embedded = embedding.forward(contexts.Tokens);            // (B, L, E)
        var (sequence, hidden, cell) = lstm.forward(embedded, state);      // (B, L, H); (layers, B, H) twice
        using var _ = sequence;
        using var last = sequence.select(1, -1);                            // (B, H): the last step
        return new ModelOutput(Head(last), hidden, cell);                   // (B, V) log-probabilities
    }

    /// <summary>The negative log-likelihood of each next token (the lab's CrossEntropyLoss on the LogSoftmax output).</summary>
    public override (Tensor Losses, Tensor Hidden, Tensor Cell) StepLosses(Contexts inputs, Contexts targets, (Tensor Hidden, Tensor Cell)? state)
    {
        var (logProbabilities, hidden, cell) = ForwardEveryStep(inputs.Tokens, state);                    // (B, C, V)
        var losses = nn.functional.nll_loss(
            logProbabilities.reshape(-1, logProbabilities.shape[2]), targets.Tokens.reshape(-1), reduction: nn.Reduction.None);   // (B·C)
        return (losses, hidden, cell);
    }

    /// <summary>
    /// Like <see cref="forward"/>, but the head reads every step: <paramref name="tokens"/> (B, L)
    /// ids give (B, L, V) log-probabilities, those at step t of the token after step t.
    /// </summary>
    public (Tensor LogProbabilities, Tensor Hidden, Tensor Cell) ForwardEveryStep(Tensor tokens, (Tensor Hidden, Tensor Cell)? state)
    {
        long batch = tokens.shape[0], length = tokens.shape[1];
        using var embedded = embedding.forward(tokens);                     // (B, L, E)
        var (sequence, hidden, cell) = lstm.forward(embedded, state);      // (B, L, H); (layers, B, H) twice
        using var _ = sequence;
        using var steps = sequence.reshape(batch * length, -1);            // (B·L, H)
        using var logProbabilities = Head(steps);                          // (B·L, V)
        return (logProbabilities.reshape(batch, length, -1), hidden, cell); // (B, L, V)
    }

    /// <summary>LSTM outputs (N, H) → log-probabilities (N, V): dropout, then the lab's head.</summary>
    private Tensor Head(Tensor lstmOutput)
    {
        using var x0 = dropout.forward(lstmOutput);                         // (N, H)
        using var x1 = lstm_norm.forward(x0);                               // (N, H)
        using var x2 = dense.forward(x1);                                   // (N, H)
        using var x3 = dense_norm.forward(x2);                              // (N, H)
        using var x4 = relu.forward(x3);                                    // (N, H)
        using var x5 = output.forward(x4);                                  // (N, V)
        using var x6 = output_norm.forward(x5);                             // (N, V)
        return log_softmax.forward(x6);                                     // (N, V) log-probabilities
    }
}

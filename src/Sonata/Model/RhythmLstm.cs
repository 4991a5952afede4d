using Sonata.Dataset;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sonata.Model;

/// <summary>
/// The rhythm-aware network: the lab's LSTM reading each token together with its step and
/// duration class, and predicting the next event in three heads, each reading what the one
/// before chose: the step (when), the token given the step (what: the lab's head, fed the
/// step), the duration given both (how long).
/// <code>
///   [Embedding(V, E) ; Embedding(S, Et) ; Embedding(D, Et)] → LSTM(E + 2 Et, H, layers)
///   step:     Linear(H, S) → LogSoftmax
///   token:    [h ; Embedding(S, Et)] → BatchNorm → Linear(H + Et, H) → BatchNorm → ReLU → Linear(H, V) → BatchNorm → LogSoftmax
///   duration: [h ; Embedding(S, Et) ; Embedding(V, Et)] → Linear(H + 2 Et, H / 2) → ReLU → Linear(H / 2, D) → LogSoftmax
/// </code>
/// Its next-token distribution, read without the next step, sums the step out:
/// P(token) = Σ_s P(s) · P(token | s).
/// </summary>
public sealed class RhythmLstm : MusicModel
{
    /// <summary>Width of the timing embeddings (Et).</summary>
    internal const int TimingWidth = 16;

    // Field names are the state-dict keys (checkpoints, safetensors export): do not rename.
#pragma warning disable IDE1006
    private readonly Embedding embedding;
    private readonly Embedding step_embedding;
    private readonly Embedding duration_embedding;
    private readonly LSTM lstm;
    private readonly Linear step_head;
    private readonly Embedding next_step_embedding;
    private readonly BatchNorm1d lstm_norm;
    private readonly Linear dense;
    private readonly BatchNorm1d dense_norm;
    private readonly Linear output;
    private readonly BatchNorm1d output_norm;
    private readonly Embedding next_token_embedding;
    private readonly Linear duration_dense;
    private readonly Linear duration_output;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public RhythmLstm(int vocabularySize, ModelOptions options) : base(nameof(RhythmLstm), vocabularySize, options)
    {
        if (options.Members != 1) throw new ArgumentOutOfRangeException(nameof(options), options.Members, "one network is one member: MusicModel.Create builds ensembles");
        int classes = TimingClasses.Count, hidden = options.HiddenSize;
        embedding = Embedding(vocabularySize, options.EmbeddingSize);
        step_embedding = Embedding(classes, TimingWidth);
        duration_embedding = Embedding(classes, TimingWidth);
        lstm = LSTM(options.EmbeddingSize + 2 * TimingWidth, hidden, options.Layers, batchFirst: true,
            dropout: options.Layers > 1 ? options.Dropout : 0);
        step_head = Linear(hidden, classes);
        next_step_embedding = Embedding(classes, TimingWidth);
        lstm_norm = BatchNorm1d(hidden + TimingWidth);
        dense = Linear(hidden + TimingWidth, hidden);
        dense_norm = BatchNorm1d(hidden);
        output = Linear(hidden, vocabularySize);
        output_norm = BatchNorm1d(vocabularySize);
        next_token_embedding = Embedding(vocabularySize, TimingWidth);
        duration_dense = Linear(hidden + 2 * TimingWidth, hidden / 2);
        duration_output = Linear(hidden / 2, classes);
        dropout = Dropout(options.Dropout);
        RegisterComponents();
    }

    /// <summary>This network alone.</summary>
    public override IReadOnlyList<MusicModel> Members => [this];

    /// <summary>
    /// <paramref name="contexts"/>: (B, L) tokens with their steps and durations. Returns the (B, V)
    /// log-probabilities of the next token (the step summed out), the state after the last step,
    /// and the heads at it.
    /// </summary>
    public override ModelOutput forward(Contexts contexts, (Tensor Hidden, Tensor Cell)? state)
    {
        var (sequence, hidden, cell) = Read(contexts, state);              // (B, L, H)
        using var _ = sequence;
        var last = dropout.forward(sequence.select(1, -1));                 // (B, H)
        var heads = new Heads(this, last);
        return new ModelOutput(heads.StepSummedTokens(), hidden, cell) { Rhythm = heads };
    }

    /// <summary>−log P(step) − log P(token | step) − log P(duration | step, token) of each next event, (B·C).</summary>
    public override (Tensor Losses, Tensor Hidden, Tensor Cell) StepLosses(Contexts inputs, Contexts targets, (Tensor Hidden, Tensor Cell)? state)
    {
        if (!targets.HasTiming) throw new ArgumentException("the rhythm-aware network learns each token's step and duration too", nameof(targets));
        var (sequence, hidden, cell) = Read(inputs, state);                // (B, C, H)
        using var _ = sequence;
        var steps = dropout.forward(sequence.reshape(-1, sequence.shape[2]));   // (B·C, H)
        var nextSteps = targets.Steps!.reshape(-1);                         // (B·C)
        var nextTokens = targets.Tokens.reshape(-1);                        // (B·C)
        var stepLoss = nn.functional.nll_loss(StepHead(steps), nextSteps, reduction: nn.Reduction.None);
        var tokenLoss = nn.functional.nll_loss(TokenHead(steps, nextSteps), nextTokens, reduction: nn.Reduction.None);
        var durationLoss = nn.functional.nll_loss(DurationHead(steps, nextSteps, nextTokens), targets.Durations!.reshape(-1), reduction: nn.Reduction.None);
        return (stepLoss + tokenLoss + durationLoss, hidden, cell);        // (B·C)
    }

    /// <summary>The LSTM over the embedded tokens and timing: (B, L, H), and the state after the last step.</summary>
    private (Tensor Sequence, Tensor Hidden, Tensor Cell) Read(Contexts contexts, (Tensor Hidden, Tensor Cell)? state)
    {
        if (!contexts.HasTiming) throw new ArgumentException("the rhythm-aware network reads each token's step and duration", nameof(contexts));
        using var tokens = embedding.forward(contexts.Tokens);             // (B, L, E)
        using var steps = step_embedding.forward(contexts.Steps!);          // (B, L, Et)
        using var durations = duration_embedding.forward(contexts.Durations!);   // (B, L, Et)
        using var embedded = torch.cat([tokens, steps, durations], dim: 2);  // (B, L, E + 2 Et)
        return lstm.forward(embedded, state);
    }

    /// <summary>(N, H) → (N, S) log-probabilities of the next step.</summary>
    private Tensor StepHead(Tensor hidden)
    {
        using var logits = step_head.forward(hidden);
        return logits.log_softmax(1);
    }

    /// <summary>(N, H) and the next steps (N) → (N, V) log-probabilities of the next token: the lab's head, fed the step.</summary>
    private Tensor TokenHead(Tensor hidden, Tensor nextSteps)
    {
        using var step = next_step_embedding.forward(nextSteps);            // (N, Et)
        using var x0 = torch.cat([hidden, step], dim: 1);                   // (N, H + Et)
        using var x1 = lstm_norm.forward(x0);
        using var x2 = dense.forward(x1);                                   // (N, H)
        using var x3 = dense_norm.forward(x2);
        using var x4 = functional.relu(x3);
        using var x5 = output.forward(x4);                                  // (N, V)
        using var x6 = output_norm.forward(x5);
        return x6.log_softmax(1);
    }

    /// <summary>(N, H), the next steps (N) and tokens (N) → (N, D) log-probabilities of the next duration.</summary>
    private Tensor DurationHead(Tensor hidden, Tensor nextSteps, Tensor nextTokens)
    {
        using var step = next_step_embedding.forward(nextSteps);            // (N, Et)
        using var token = next_token_embedding.forward(nextTokens);         // (N, Et)
        using var x0 = torch.cat([hidden, step, token], dim: 1);            // (N, H + 2 Et)
        using var x1 = duration_dense.forward(x0);                          // (N, H / 2)
        using var x2 = functional.relu(x1);
        using var x3 = duration_output.forward(x2);                         // (N, D)
        return x3.log_softmax(1);
    }

    /// <summary>The heads at the last step of B contexts, reading its hidden state (B, H).</summary>
    private sealed class Heads(RhythmLstm network, Tensor hidden) : RhythmHeads
    {
        public override Tensor Steps() => network.StepHead(hidden);

        public override Tensor TokensGiven(Tensor steps) => network.TokenHead(hidden, steps);

        public override Tensor DurationsGiven(Tensor steps, Tensor tokens) => network.DurationHead(hidden, steps, tokens);
    }
}

using Sonata.Dataset;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sonata.Model;

/// <summary>
/// The attending network: reads each token with its step and duration, as <see cref="RhythmLstm"/>
/// does, but through causal self-attention over the whole window instead of a recurrent state, so
/// that any earlier place of the piece (a bar ago, the theme's first statement) can be read again
/// directly. Positions are told by ALiBi (each head's scores fall linearly with the distance back),
/// so a window of any length up to the context reads alike.
/// <code>
///   x = Embedding(V, D)[token] + Embedding(S, D)[step] + Embedding(D_, D)[duration]      (B, L, D)
///   x → Layers × <see cref="TransformerBlock"/> → LayerNorm                               (B, L, D)
///   step:     Linear(D, S) → LogSoftmax
///   token:    LayerNorm(h + Embedding(S, D)[next step]) · Embedding(V, D)ᵀ + b → LogSoftmax   (tied to the input embedding)
///   duration: [h ; Embedding(S, Et) ; Embedding(V, Et)] → Linear(D + 2 Et, D / 2) → ReLU → Linear(D / 2, D_) → LogSoftmax
/// </code>
/// It holds no state between calls: forward reads the whole context each time (the state it returns is empty).
/// </summary>
public sealed class RhythmTransformer : MusicModel
{
    private readonly int _heads;
    private Tensor? _bias;                 // (heads, L, L) for the last length asked

    // Field names are the state-dict keys (checkpoints, safetensors export): do not rename.
#pragma warning disable IDE1006
    private readonly Embedding embedding;
    private readonly Embedding step_embedding;
    private readonly Embedding duration_embedding;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm final_norm;
    private readonly Linear step_head;
    private readonly Embedding next_step_embedding;
    private readonly LayerNorm token_norm;
    private readonly Parameter token_bias;
    private readonly Embedding duration_step_embedding;
    private readonly Embedding duration_token_embedding;
    private readonly Linear duration_dense;
    private readonly Linear duration_output;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public RhythmTransformer(int vocabularySize, ModelOptions options) : base(nameof(RhythmTransformer), vocabularySize, options)
    {
        if (options.Members != 1) throw new ArgumentOutOfRangeException(nameof(options), options.Members, "one network is one member: MusicModel.Create builds ensembles");
        int classes = TimingClasses.Count, width = options.HiddenSize, small = RhythmLstm.TimingWidth;
        _heads = options.AttentionHeads;
        embedding = Embedding(vocabularySize, width);
        step_embedding = Embedding(classes, width);
        duration_embedding = Embedding(classes, width);
        blocks = new ModuleList<TransformerBlock>([.. Enumerable.Range(0, options.Layers).Select(_ => new TransformerBlock(width, _heads, options.Dropout))]);
        final_norm = LayerNorm(width);
        step_head = Linear(width, classes);
        next_step_embedding = Embedding(classes, width);
        token_norm = LayerNorm(width);
        token_bias = Parameter(torch.zeros(vocabularySize));
        duration_step_embedding = Embedding(classes, small);
        duration_token_embedding = Embedding(vocabularySize, small);
        duration_dense = Linear(width + 2 * small, width / 2);
        duration_output = Linear(width / 2, classes);
        dropout = Dropout(options.Dropout);
        RegisterComponents();
        using (torch.no_grad())
        {
            // GPT-2's initialization: small embeddings, so that the three sums start near the scale of one.
            foreach (var table in new[] { embedding, step_embedding, duration_embedding, next_step_embedding })
                init.normal_(table.weight!, std: 0.02);
        }
    }

    /// <summary>This network alone.</summary>
    public override IReadOnlyList<MusicModel> Members => [this];

    /// <summary>
    /// <paramref name="contexts"/>: (B, L) tokens with their steps and durations; the state is
    /// ignored (there is none). Returns the (B, V) log-probabilities of the next token (the step
    /// summed out), an empty state, and the heads at the last position.
    /// </summary>
    public override ModelOutput forward(Contexts contexts, (Tensor Hidden, Tensor Cell)? state)
    {
        var heads = HeadsAt(LastOutput(contexts));
        return new ModelOutput(heads.StepSummedTokens(), torch.empty(0), torch.empty(0)) { Rhythm = heads };
    }

    /// <summary>The output (B, D) at the last position of each of B contexts (B, L).</summary>
    internal Tensor LastOutput(Contexts contexts)
    {
        using var sequence = Read(contexts);                                 // (B, L, D)
        return sequence.select(1, -1);                                       // (B, D)
    }

    /// <summary>The heads reading outputs (B, D) at the last position.</summary>
    internal RhythmHeads HeadsAt(Tensor output) => new Heads(this, output);

    /// <summary>−log P(step) − log P(token | step) − log P(duration | step, token) of each next event, (B·C); the state is empty.</summary>
    public override (Tensor Losses, Tensor Hidden, Tensor Cell) StepLosses(Contexts inputs, Contexts targets, (Tensor Hidden, Tensor Cell)? state)
    {
        if (!targets.HasTiming) throw new ArgumentException("the attending network learns each token's step and duration too", nameof(targets));
        using var sequence = Read(inputs);                                   // (B, C, D)
        var steps = sequence.reshape(-1, sequence.shape[2]);                 // (B·C, D)
        var nextSteps = targets.Steps!.reshape(-1);                          // (B·C)
        var nextTokens = targets.Tokens.reshape(-1);                         // (B·C)
        var stepLoss = nn.functional.nll_loss(StepHead(steps), nextSteps, reduction: nn.Reduction.None);
        var tokenLoss = nn.functional.nll_loss(TokenHead(steps, nextSteps), nextTokens, reduction: nn.Reduction.None);
        var durationLoss = nn.functional.nll_loss(DurationHead(steps, nextSteps, nextTokens), targets.Durations!.reshape(-1), reduction: nn.Reduction.None);
        return (stepLoss + tokenLoss + durationLoss, torch.empty(0), torch.empty(0));   // (B·C)
    }

    /// <summary>The blocks over the embedded tokens and timing: (B, L, D), after the final norm.</summary>
    private Tensor Read(Contexts contexts)
    {
        if (!contexts.HasTiming) throw new ArgumentException("the attending network reads each token's step and duration", nameof(contexts));
        long length = contexts.Tokens.shape[1];
        using var tokens = embedding.forward(contexts.Tokens);               // (B, L, D)
        using var steps = step_embedding.forward(contexts.Steps!);            // (B, L, D)
        using var durations = duration_embedding.forward(contexts.Durations!);   // (B, L, D)
        var x = dropout.forward(tokens + steps + durations);                 // (B, L, D)
        var bias = Bias(length, contexts.Tokens.device);                     // (heads, L, L)
        foreach (var block in blocks)
        {
            var next = block.forward(x, bias);
            x.Dispose();
            x = next;
        }
        using (x) return final_norm.forward(x);
    }

    /// <summary>
    /// ALiBi's causal bias (heads, L, L): −m_h · (i − j) where position j ≤ i, −∞ after it; head h's
    /// slope m_h = 2^(−8 (h + 1) / heads), so some heads look far back and some near.
    /// </summary>
    private Tensor Bias(long length, Device device)
    {
        if (_bias is { } cached && cached.shape[1] == length && cached.device_type == device.type && cached.device_index == device.index) return cached;
        _bias?.Dispose();
        int n = (int)length;
        var bias = new float[_heads * n * n];
        for (int h = 0; h < _heads; h++)
        {
            float slope = (float)Math.Pow(2, -8.0 * (h + 1) / _heads);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    bias[(((h * n) + i) * n) + j] = j <= i ? -slope * (i - j) : float.NegativeInfinity;
        }
        _bias = torch.tensor(bias, [_heads, length, length], device: device).DetachFromDisposeScope();
        return _bias;
    }

    /// <summary>(N, D) → (N, S) log-probabilities of the next step.</summary>
    private Tensor StepHead(Tensor hidden)
    {
        using var logits = step_head.forward(hidden);
        return logits.log_softmax(1);
    }

    /// <summary>(N, D) and the next steps (N) → (N, V) log-probabilities of the next token, read against the input embedding.</summary>
    private Tensor TokenHead(Tensor hidden, Tensor nextSteps)
    {
        using var step = next_step_embedding.forward(nextSteps);             // (N, D)
        using var x0 = hidden + step;
        using var x1 = token_norm.forward(x0);                               // (N, D)
        using var logits = nn.functional.linear(x1, embedding.weight!, token_bias);   // (N, V)
        return logits.log_softmax(1);
    }

    /// <summary>(N, D), the next steps (N) and tokens (N) → (N, D_) log-probabilities of the next duration.</summary>
    private Tensor DurationHead(Tensor hidden, Tensor nextSteps, Tensor nextTokens)
    {
        using var step = duration_step_embedding.forward(nextSteps);         // (N, Et)
        using var token = duration_token_embedding.forward(nextTokens);      // (N, Et)
        using var x0 = torch.cat([hidden, step, token], dim: 1);             // (N, D + 2 Et)
        using var x1 = duration_dense.forward(x0);                           // (N, D / 2)
        using var x2 = functional.relu(x1);
        using var x3 = duration_output.forward(x2);                          // (N, D_)
        return x3.log_softmax(1);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _bias?.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The heads at the last position of B contexts, reading its output (B, D).</summary>
    private sealed class Heads(RhythmTransformer network, Tensor hidden) : RhythmHeads
    {
        public override Tensor Steps() => network.StepHead(hidden);

        public override Tensor TokensGiven(Tensor steps) => network.TokenHead(hidden, steps);

        public override Tensor DurationsGiven(Tensor steps, Tensor tokens) => network.DurationHead(hidden, steps, tokens);
    }
}

using Sonata.Dataset;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sonata.Model;

/// <summary>
/// The performer: how hard each token is struck and at what tempo, from the tokens so far and how
/// they were played. It reads each token's pitches, step and duration (<see cref="PerformanceFeatures"/>)
/// with the previous token's velocity and tempo, and predicts the token's own, as a pianist reads
/// the notes about to be played.
/// <code>
///   [Emb(128, 16) top ; Emb(128, 16) bottom ; Emb(9, 4) notes ; Emb(S, 8) step ; Emb(D, 8) duration ;
///    Emb(128, 16) previous velocity ; Emb(T + 1, 16) previous tempo] → LSTM(84, H)
///   velocity: Linear(H, 128) → LogSoftmax
///   tempo:    Linear(H, T) + stay · [t = previous] − softplus(spread) · |t − previous| → LogSoftmax
/// </code>
/// The tempo's two learned terms (left out where the previous tempo is not known) say what the
/// corpus's performers do: a tempo mostly holds, and moves by small steps more than by jumps; trained
/// for under a minute without them, the performer jumped by more than 20 % five to eight times as
/// often as the corpus (docs/performance.md).
/// </summary>
public sealed class PerformerLstm : Module
{
    private const int PitchWidth = 16, NotesWidth = 4, TimingWidth = 8, PlayedWidth = 16;

    // Field names are the state-dict keys: do not rename.
#pragma warning disable IDE1006
    private readonly Embedding top;
    private readonly Embedding bottom;
    private readonly Embedding notes;
    private readonly Embedding step;
    private readonly Embedding duration;
    private readonly Embedding velocity;
    private readonly Embedding tempo;
    private readonly LSTM lstm;
    private readonly Linear velocity_head;
    private readonly Linear tempo_head;
    private readonly Parameter tempo_stay;
    private readonly Parameter tempo_spread;
#pragma warning restore IDE1006

    /// <summary>(T, T): how many classes apart two tempo classes are.</summary>
    private readonly Tensor _tempoDistances = (torch.arange(PerformanceClasses.TempoCount, dtype: ScalarType.Float32).unsqueeze(1)
        - torch.arange(PerformanceClasses.TempoCount, dtype: ScalarType.Float32).unsqueeze(0)).abs();

    public PerformerLstm(int hiddenSize) : base(nameof(PerformerLstm))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        HiddenSize = hiddenSize;
        top = Embedding(128, PitchWidth);
        bottom = Embedding(128, PitchWidth);
        notes = Embedding(PerformanceFeatures.MaxNotes + 1, NotesWidth);
        step = Embedding(TimingClasses.Count, TimingWidth);
        duration = Embedding(TimingClasses.Count, TimingWidth);
        velocity = Embedding(PerformanceClasses.VelocityCount, PlayedWidth);
        tempo = Embedding(PerformanceClasses.TempoCount + 1, PlayedWidth);
        lstm = LSTM(2 * PitchWidth + NotesWidth + 2 * TimingWidth + 2 * PlayedWidth, hiddenSize, 1, batchFirst: true);
        velocity_head = Linear(hiddenSize, PerformanceClasses.VelocityCount);
        tempo_head = Linear(hiddenSize, PerformanceClasses.TempoCount);
        tempo_stay = Parameter(torch.tensor(2f));
        tempo_spread = Parameter(torch.tensor(-2f));      // softplus: 0.13 a class (1.1 %)
        RegisterComponents();
    }

    public int HiddenSize { get; }

    /// <summary>
    /// Reads (B, L) tokens' features with the previous tokens' velocity and tempo classes, from
    /// <paramref name="state"/> (null: zero). Returns the (B, L, 128) and (B, L, T) log-probabilities
    /// of each token's velocity and tempo class, and the state after the last.
    /// </summary>
    public (Tensor Velocities, Tensor Tempos, (Tensor Hidden, Tensor Cell) State) Play(PerformerInputs inputs, (Tensor Hidden, Tensor Cell)? state)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var scope = torch.NewDisposeScope();
        var x = torch.cat([top.forward(inputs.Top), bottom.forward(inputs.Bottom), notes.forward(inputs.Notes),
            step.forward(inputs.Steps), duration.forward(inputs.Durations),
            velocity.forward(inputs.PreviousVelocities), tempo.forward(inputs.PreviousTempos)], dim: 2);
        var (sequence, hidden, cell) = lstm.forward(x, state);
        var velocities = velocity_head.forward(sequence).log_softmax(2);
        var tempos = (tempo_head.forward(sequence) + TempoPrior(inputs.PreviousTempos)).log_softmax(2);
        return (velocities.MoveToOuterDisposeScope(), tempos.MoveToOuterDisposeScope(),
            (hidden.MoveToOuterDisposeScope(), cell.MoveToOuterDisposeScope()));
    }

    /// <summary>(B, L, T): stay · [t = previous] − softplus(spread) · |t − previous|, 0 where the previous tempo is not known.</summary>
    private Tensor TempoPrior(Tensor previous)
    {
        // A row for each tempo before (and a row of zeros for "not known"), looked up per token.
        int classes = PerformanceClasses.TempoCount;
        var table = (tempo_stay * _tempoDistances.eq(0).to_type(ScalarType.Float32)) - (functional.softplus(tempo_spread) * _tempoDistances);   // (T, T)
        var rows = torch.cat([table, torch.zeros(1, classes)], dim: 0);                                                                        // (T + 1, T)
        return rows.index_select(0, previous.reshape(-1)).reshape(previous.shape[0], previous.shape[1], classes);                              // (B, L, T)
    }

    /// <summary>The mean of −log P(velocity) over every token of the batch, plus the mean of −log P(tempo class) over those that start a new onset (step above 0).</summary>
    public Tensor Loss(PerformerInputs inputs, Tensor velocities, Tensor tempos)
    {
        var (v, t, (h, c)) = Play(inputs, null);
        using (h) using (c) using (v) using (t)
        {
            var velocityLoss = functional.nll_loss(v.reshape(-1, PerformanceClasses.VelocityCount), velocities.reshape(-1));
            // A token struck with the one before has its tempo (the player keeps it): only onsets teach the tempo.
            using var tokenLosses = functional.nll_loss(t.reshape(-1, PerformanceClasses.TempoCount), tempos.reshape(-1), reduction: Reduction.None);
            using var onsets = inputs.Steps.reshape(-1).gt(0).to_type(ScalarType.Float32);
            var tempoLoss = (tokenLosses * onsets).sum() / onsets.sum().clamp_min(1);
            return velocityLoss + tempoLoss;
        }
    }
}

/// <summary>What the performer reads: (B, L) class tensors, each token's features and the previous token's velocity and tempo classes.</summary>
public sealed record PerformerInputs(Tensor Top, Tensor Bottom, Tensor Notes, Tensor Steps, Tensor Durations, Tensor PreviousVelocities, Tensor PreviousTempos);

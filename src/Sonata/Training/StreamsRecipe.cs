using Sonata.Dataset;
using Sonata.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>
/// Truncated back-propagation through contiguous streams. The training tokens (see
/// <see cref="TrainingTokens"/>) are cut into B equal streams, read C tokens a step, the LSTM
/// state carried (detached) from one chunk to the next; the head reads every step. The loss is
/// taken only where the target is the label of a training window and the stream has read at
/// least L tokens since its start, so every loss is a prediction the lab's recipe also trains,
/// from at least the context it has. An epoch is <see cref="StreamsOptions.PassesPerEpoch"/>
/// passes; each starts the streams at a fresh seeded offset and zeroed state; with a
/// transposition table, each stream of a pass is moved by its own random -5..+6 semitones (one
/// key per stream and pass, so the carried state never jumps keys). Each member of an ensemble
/// reads from its own offset and carries its own state. A corpus too small for
/// <see cref="StreamsOptions.Streams"/> streams of at least 4 L tokens each gets fewer streams
/// (<see cref="Streams"/>), so that one piece or a handful still trains.
/// </summary>
public sealed class StreamsRecipe : ITrainingRecipe
{
    private readonly Tensor _tokens;         // (M,) int64 ids
    private readonly Tensor _isTarget;       // (M,) bool: the label of a training window
    private readonly Tensor? _steps;         // (M,) int64 step classes, for a rhythm-aware model
    private readonly Tensor? _durations;     // (M,) int64 duration classes
    private readonly Tensor? _transpose;     // (12, V_corpus) int64, or null
    private readonly long _length;           // M
    private readonly int _sequenceLength;
    private readonly StreamsOptions _options;
    private readonly Device _device;
    private readonly int _batchesPerPass;
    private readonly int _streams;
    private long[][][] _starts = [];         // [pass][member][stream] first position
    private Tensor?[] _shifts = [];          // [pass] (B,) int64 rows of _transpose
    private readonly int _members;
    private readonly CarriedStates _states;

    /// <param name="timing">Each training token's step and duration classes, for a model that reads them; null: tokens only.</param>
    public StreamsRecipe(TrainingTokens tokens, int sequenceLength, StreamsOptions options, long[]? transpositionTable, Device device,
        int members = 1, CorpusTiming? timing = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        _length = tokens.Ids.Length;
        _sequenceLength = sequenceLength;
        _options = options;
        _device = device;
        _members = members;
        _states = new CarriedStates(members);
        _tokens = torch.tensor(tokens.Ids).DetachFromDisposeScope();
        _isTarget = torch.tensor(tokens.IsTarget).DetachFromDisposeScope();
        if (timing is not null)
        {
            _steps = torch.tensor(timing.Steps).DetachFromDisposeScope();
            _durations = torch.tensor(timing.Durations).DetachFromDisposeScope();
        }
        if (transpositionTable is not null)
            _transpose = torch.tensor(transpositionTable).reshape(Transpositions.Count, -1).DetachFromDisposeScope();
        _streams = (int)Math.Clamp(_length / (4L * sequenceLength), 1, options.Streams);
        // The shortest streams (offset C - 1) still hold this many whole chunks; a stream's loss
        // waits until it has read L tokens, so it needs more than L of them.
        long shortest = (_length - options.ChunkLength) / _streams;
        _batchesPerPass = (int)(shortest / options.ChunkLength);
        BatchesPerEpoch = _batchesPerPass * options.PassesPerEpoch;
        if ((long)_batchesPerPass * options.ChunkLength < sequenceLength + 1)
            throw new UserErrorException(
                $"the training split holds {_length:N0} tokens: the streams recipe needs at least {sequenceLength + 2 * options.ChunkLength:N0} " +
                $"(a context of {sequenceLength} and chunks of {options.ChunkLength} after it); train on more music, or with a shorter --sequence-length or --chunk-length");
    }

    public Recipe Kind => Recipe.Streams;

    /// <summary>Streams read side by side: <see cref="StreamsOptions.Streams"/>, or fewer for a small corpus.</summary>
    public int Streams => _streams;

    public int BatchesPerEpoch { get; }

    public void BeginEpoch(long shuffleSeed)
    {
        var random = new Random(unchecked((int)(shuffleSeed ^ (shuffleSeed >> 32))));
        DisposeShifts();
        _starts = new long[_options.PassesPerEpoch][][];
        _shifts = new Tensor?[_options.PassesPerEpoch];
        for (int pass = 0; pass < _options.PassesPerEpoch; pass++)
        {
            _starts[pass] = new long[_members][];
            for (int member = 0; member < _members; member++)
            {
                int offset = random.Next(_options.ChunkLength);
                long streamLength = (_length - 1 - offset) / _streams;
                _starts[pass][member] = Enumerable.Range(0, _streams).Select(b => offset + (b * streamLength)).ToArray();
            }
            _shifts[pass] = _transpose is null ? null
                : torch.tensor(Enumerable.Range(0, _streams).Select(_ => (long)random.Next(Transpositions.Count)).ToArray())
                    .DetachFromDisposeScope();
        }
        _states.Reset();
    }

    public Tensor Loss(MusicModel model, int batch)
    {
        _states.EnsureFits(model);
        var members = model.Members;
        if (batch % _batchesPerPass == 0) _states.Reset();                          // a pass starts from zeros
        Tensor? total = null;
        for (int m = 0; m < _members; m++)
        {
            var (inputs, targets, mask) = Chunk(batch, m);                          // (B, C) each
            var (losses, hidden, cell) = members[m].StepLosses(inputs, targets, _states.For(m, inputs.Tokens.shape[0]));  // (B·C)
            _states.Carry(m, hidden, cell);
            // The negative log-likelihood (for the lab's network, its CrossEntropyLoss on the
            // LogSoftmax output) averaged over the masked positions only.
            var weights = mask.reshape(-1).to_type(ScalarType.Float32);             // (B·C) 0/1
            var loss = (losses * weights).sum() / weights.sum().clamp_min(1);      // scalar
            total = total is null ? loss : total + loss;
        }
        return total!;
    }

    /// <summary>
    /// The target positions (into the training tokens) that <paramref name="batch"/> takes a loss
    /// on, for every stream of every member: what a test checks against the training labels.
    /// </summary>
    public long[] TargetPositions(int batch)
    {
        using var scope = torch.NewDisposeScope();
        return Enumerable.Range(0, _members).SelectMany(member =>
        {
            var (positions, mask) = Positions(batch, member);                       // (B, C) twice
            return (positions + 1).masked_select(mask).data<long>().ToArray();
        }).ToArray();
    }

    /// <summary>Inputs, targets (with their timing when the recipe has it) and loss mask of one step of one member, on the device.</summary>
    private (Contexts Inputs, Contexts Targets, Tensor Mask) Chunk(int batch, int member)
    {
        var (positions, mask) = Positions(batch, member);                           // (B, C) twice
        var inputs = _tokens.take(positions);                                       // (B, C) ids
        var targets = _tokens.take(positions + 1);                                  // (B, C) the next ids
        if (_transpose is not null && _shifts[batch / _batchesPerPass] is { } shifts)
        {
            var rows = _transpose.index_select(0, shifts);                          // (B, V_corpus)
            inputs = rows.gather(1, inputs);                                        // (B, C) moved ids
            targets = rows.gather(1, targets);                                      // (B, C)
        }
        if (_steps is null || _durations is null) return (inputs.to(_device), targets.to(_device), mask.to(_device));
        var next = positions + 1;
        return (new Contexts(inputs, _steps.take(positions), _durations.take(positions)).To(_device),
            new Contexts(targets, _steps.take(next), _durations.take(next)).To(_device), mask.to(_device));
    }

    /// <summary>Positions of a step's inputs (B, C), and where a loss is taken on their targets (B, C) bool.</summary>
    private (Tensor Positions, Tensor Mask) Positions(int batch, int member)
    {
        long first = (long)(batch % _batchesPerPass) * _options.ChunkLength;
        var steps = torch.arange(first, first + _options.ChunkLength, dtype: ScalarType.Int64);   // (C,) steps since stream start
        var positions = torch.tensor(_starts[batch / _batchesPerPass][member]).unsqueeze(1) + steps;      // (B, C)
        var enoughContext = (steps + 1).ge(_sequenceLength).unsqueeze(0);           // (1, C): read ≥ L tokens
        var mask = _isTarget.take(positions + 1).logical_and(enoughContext);        // (B, C)
        return (positions, mask);
    }

    public void Dispose()
    {
        _states.Dispose();
        DisposeShifts();
        _transpose?.Dispose();
        _tokens.Dispose();
        _isTarget.Dispose();
        _steps?.Dispose();
        _durations?.Dispose();
    }

    private void DisposeShifts()
    {
        foreach (var shifts in _shifts) shifts?.Dispose();
        _shifts = [];
    }
}

using Sonata.Dataset;
using Sonata.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>
/// Independent stretches of the training tokens (see <see cref="TrainingTokens"/>), each L tokens
/// long, read whole with no state carried: the recipe of a network that attends over its window
/// (<see cref="RhythmTransformer"/>). Each epoch cuts the tokens into stretches from a fresh
/// seeded offset and deals them in a seeded order, B a batch (an epoch may make several such passes); every position predicts the token
/// after it, from the 1 to L tokens it can see, and the loss is taken where that token is the
/// label of a training window. With a transposition table each stretch is moved by its own random
/// −5..+6 semitones, so every key the corpus could be played in is trained, not only the ones it
/// was written in. Each member of an ensemble draws its own offset, order and keys.
/// </summary>
public sealed class StretchesRecipe : ITrainingRecipe
{
    private readonly Tensor _tokens;         // (M,) int64 ids
    private readonly Tensor _isTarget;       // (M,) bool: the label of a training window
    private readonly Tensor? _steps;         // (M,) int64 step classes, for a model that reads them
    private readonly Tensor? _durations;     // (M,) int64 duration classes
    private readonly Tensor? _transpose;     // (12, V_corpus) int64, or null
    private readonly long _length;           // M
    private readonly int _stretchLength;     // L
    private readonly int _batchSize;         // B
    private readonly int _members;
    private readonly Device _device;
    private readonly int _stretches;         // stretches a pass cuts (the last ones of an offset may be dropped)
    private readonly int _batchesPerPass;
    private readonly int _passes;
    private long[][] _starts = [];           // [member][stretch, in the epoch's order, pass after pass] first position
    private long[][] _shifts = [];           // [member][stretch] row of _transpose

    /// <param name="timing">Each training token's step and duration classes, for a model that reads them; null: tokens only.</param>
    public StretchesRecipe(TrainingTokens tokens, CorpusTiming? timing, int stretchLength, int batchSize, long[]? transpositionTable,
        Device device, int members = 1, int passes = 1)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _length = tokens.Ids.Length;
        _stretchLength = stretchLength;
        _members = members;
        _device = device;
        _tokens = torch.tensor(tokens.Ids).DetachFromDisposeScope();
        _isTarget = torch.tensor(tokens.IsTarget).DetachFromDisposeScope();
        if (timing is not null)
        {
            _steps = torch.tensor(timing.Steps).DetachFromDisposeScope();
            _durations = torch.tensor(timing.Durations).DetachFromDisposeScope();
        }
        if (transpositionTable is not null)
            _transpose = torch.tensor(transpositionTable).reshape(Transpositions.Count, -1).DetachFromDisposeScope();
        // Whatever the offset (below L), this many whole stretches and the token after each fit.
        _stretches = (int)((_length - stretchLength) / stretchLength);
        _batchSize = Math.Min(batchSize, Math.Max(1, _stretches));
        _batchesPerPass = _stretches / _batchSize;
        _passes = passes;
        BatchesPerEpoch = _batchesPerPass * passes;
        if (_batchesPerPass == 0)
            throw new UserErrorException(
                $"the training split holds {_length:N0} tokens: the stretches recipe needs at least {2 * stretchLength:N0} " +
                $"(two stretches of {stretchLength}); train on more music, or with a shorter --sequence-length");
    }

    public Recipe Kind => Recipe.Stretches;

    public int BatchesPerEpoch { get; }

    /// <summary>Stretches a batch: the asked batch size, or fewer for a small corpus.</summary>
    public int BatchSize => _batchSize;

    public void BeginEpoch(long shuffleSeed)
    {
        var random = new Random(unchecked((int)(shuffleSeed ^ (shuffleSeed >> 32))));
        _starts = new long[_members][];
        _shifts = new long[_members][];
        for (int member = 0; member < _members; member++)
        {
            var starts = new List<long>(_stretches * _passes);
            for (int pass = 0; pass < _passes; pass++)
            {
                int offset = random.Next(_stretchLength);
                var cut = Enumerable.Range(0, _stretches).Select(k => offset + ((long)k * _stretchLength)).ToArray();
                random.Shuffle(cut);
                starts.AddRange(cut.Take(_batchesPerPass * _batchSize));
            }
            _starts[member] = [.. starts];
            _shifts[member] = [.. starts.Select(_ => (long)random.Next(Transpositions.Count))];
        }
    }

    public Tensor Loss(MusicModel model, int batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        var members = model.Members;
        if (members.Count != _members) throw new ArgumentException($"this recipe was made for {_members} member(s), the model has {members.Count}", nameof(model));
        Tensor? total = null;
        for (int m = 0; m < _members; m++)
        {
            var (inputs, targets, mask) = Batch(batch, m);                           // (B, L) each
            var (losses, _, _) = members[m].StepLosses(inputs, targets, null);      // (B·L)
            var weights = mask.reshape(-1).to_type(ScalarType.Float32);              // (B·L) 0/1
            var loss = (losses * weights).sum() / weights.sum().clamp_min(1);       // scalar: mean over the training labels
            total = total is null ? loss : total + loss;
        }
        return total!;
    }

    /// <summary>The target positions (into the training tokens) that <paramref name="batch"/> takes a loss on, for every member.</summary>
    public long[] TargetPositions(int batch)
    {
        using var scope = torch.NewDisposeScope();
        return Enumerable.Range(0, _members).SelectMany(member =>
        {
            var positions = Positions(batch, member);                                // (B, L)
            var next = positions + 1;
            return next.masked_select(_isTarget.take(next)).data<long>().ToArray();
        }).ToArray();
    }

    /// <summary>One member's inputs, targets (each with its timing) and loss mask for a batch, on the device.</summary>
    private (Contexts Inputs, Contexts Targets, Tensor Mask) Batch(int batch, int member)
    {
        var positions = Positions(batch, member);                                    // (B, L)
        var next = positions + 1;
        var inputs = _tokens.take(positions);                                        // (B, L) ids
        var targets = _tokens.take(next);                                            // (B, L) the next ids
        if (_transpose is not null)
        {
            var shifts = torch.tensor(_shifts[member].AsSpan(batch * _batchSize, _batchSize).ToArray());   // (B,)
            var rows = _transpose.index_select(0, shifts);                           // (B, V_corpus)
            inputs = rows.gather(1, inputs);                                         // (B, L) moved ids
            targets = rows.gather(1, targets);
        }
        var mask = _isTarget.take(next).to(_device);
        if (_steps is null || _durations is null) return (inputs.to(_device), targets.to(_device), mask);
        return (new Contexts(inputs, _steps.take(positions), _durations.take(positions)).To(_device),
            new Contexts(targets, _steps.take(next), _durations.take(next)).To(_device), mask);
    }

    /// <summary>Positions (B, L) of a batch's inputs: B stretches of L consecutive tokens.</summary>
    private Tensor Positions(int batch, int member)
    {
        var starts = torch.tensor(_starts[member].AsSpan(batch * _batchSize, _batchSize).ToArray()).unsqueeze(1);   // (B, 1)
        return starts + torch.arange(_stretchLength, dtype: ScalarType.Int64);      // (B, L)
    }

    public void Dispose()
    {
        _transpose?.Dispose();
        _tokens.Dispose();
        _isTarget.Dispose();
        _steps?.Dispose();
        _durations?.Dispose();
    }
}

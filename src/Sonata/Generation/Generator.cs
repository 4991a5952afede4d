using System.Diagnostics;
using Sonata.Data;
using Sonata.Model;
using Sonata.Runtime;
using Sonata.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Generation;

/// <summary>
/// A trained <see cref="MusicModel"/> rebuilt from a checkpoint (weights, vocabulary, model
/// options), that continues a seed token by token: the lab's Problem 4. Runs in eval mode
/// (BatchNorm uses its running statistics), without gradients, each step in its own dispose scope.
/// A model that blends in an <see cref="NGramMemory"/> has it counted again from the run's corpus.
/// </summary>
public sealed class Generator : IDisposable
{
    private readonly MusicModel _model;
    private readonly Device _device;
    private readonly MemoryBlend? _memory;

    private Generator(string checkpointFile, CheckpointHeader header, MusicModel model, Device device, MemoryBlend? memory)
    {
        CheckpointFile = checkpointFile;
        Epoch = header.Epoch;
        Config = header.Config;
        Vocabulary = new Vocabulary(header.Vocabulary);
        _model = model;
        _device = device;
        _memory = memory;
    }

    public string CheckpointFile { get; }

    /// <summary>The epoch the checkpoint ends.</summary>
    public int Epoch { get; }

    /// <summary>Every option the run was trained with, with the memory's share this generator uses.</summary>
    public TrainingConfig Config { get; }

    public Vocabulary Vocabulary { get; }

    /// <summary>Share of the n-gram memory in each prediction; 0 when the network predicts alone.</summary>
    public double MemoryWeight => _memory?.Weight ?? 0;

    /// <summary>Tokens of context the model was trained on (the lab's 100): the seed's length and the window's.</summary>
    public int ContextLength => Config.Data.SequenceLength;

    /// <summary>
    /// The run's newest checkpoint, or <paramref name="checkpointFile"/> when given, with the n-gram
    /// memory its model was trained with (<paramref name="memoryWeight"/> overrides its share; 0: none).
    /// </summary>
    /// <exception cref="FileNotFoundException">The run holds no checkpoint, the file is missing, or the memory's corpus tokens are.</exception>
    public static Generator Load(RunFolder run, string? checkpointFile = null, DeviceChoice device = DeviceChoice.Auto, double? memoryWeight = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        string file = checkpointFile ?? run.NewestCheckpoint()
            ?? throw new FileNotFoundException($"the run folder {run.Path} holds no checkpoint (checkpoints/epoch-NNN.bin)");
        if (!File.Exists(file)) throw new FileNotFoundException($"no checkpoint {file}", file);
        var header = Checkpoint.ReadHeader(file);
        double weight = memoryWeight ?? header.Config.Model.MemoryWeight;
        if (weight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(memoryWeight), weight, "a memory weight lies in [0, 1]");
        header = WithMemoryWeight(header, weight);
        MemoryBlend? memory = null;
        if (weight > 0)
        {
            if (!File.Exists(run.CorpusTokensFile))
                throw new FileNotFoundException($"the run folder {run.Path} keeps no corpus-tokens.json to count the n-gram memory from: generate with --memory-weight 0", run.CorpusTokensFile);
            var (data, split) = RunCorpus.Rebuild(run.ReadCorpusTokens(), new Vocabulary(header.Vocabulary), header.Config);
            memory = Trainer.CreateMemory(header.Config, data, split);
        }
        return Load(file, header, device, memory);
    }

    /// <summary>The network of one checkpoint file, predicting alone.</summary>
    public static Generator Load(string checkpointFile, DeviceChoice device = DeviceChoice.Auto)
    {
        if (!File.Exists(checkpointFile)) throw new FileNotFoundException($"no checkpoint {checkpointFile}", checkpointFile);
        return Load(checkpointFile, WithMemoryWeight(Checkpoint.ReadHeader(checkpointFile), 0), device, memory: null);
    }

    /// <summary>The header as this generator uses it: its <see cref="Config"/> names the memory's share in use.</summary>
    private static CheckpointHeader WithMemoryWeight(CheckpointHeader header, double weight) =>
        header with { Config = header.Config with { Model = header.Config.Model with { MemoryWeight = weight } } };

    private static Generator Load(string checkpointFile, CheckpointHeader header, DeviceChoice device, MemoryBlend? memory)
    {
        var model = MusicModel.Create(header.Vocabulary.Count, header.Config.Model);
        try
        {
            Checkpoint.Load(checkpointFile, model, optimizer: null);
            var resolved = TorchRuntime.ResolveDevice(device);
            model.to(resolved);
            model.eval();
            return new Generator(Path.GetFullPath(checkpointFile), header, model, resolved, memory);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Predicts <see cref="GenerationOptions.Length"/> tokens after <paramref name="seed"/> (of which
    /// the last <see cref="ContextLength"/> are read) and returns the seed followed by them.
    /// </summary>
    /// <exception cref="UnknownTokensException">The seed holds a token the vocabulary lacks.</exception>
    public GeneratedPiece Generate(IReadOnlyList<string> seed, GenerationOptions options,
        IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Length, nameof(options.Length));
        var window = SeedWindow.FromPrimer(seed, Vocabulary, ContextLength, "the seed");
        var ids = window.Tokens.Select(t => (long)Vocabulary.IdOf(t)).ToList();
        var sampler = new TokenSampler(options.Sampling, options.Seed);

        var clock = Stopwatch.StartNew();
        using (torch.no_grad())
        {
            if (options.Context == ContextMode.Window)
                GenerateByWindows(ids, options.Length, sampler, progress, cancellationToken);
            else
                GenerateByStream(ids, options.Length, sampler, progress, cancellationToken);
        }
        clock.Stop();
        var tokens = ids.Select(id => Vocabulary.TokenOf((int)id)).ToList();
        return new GeneratedPiece(tokens, window.Tokens.Count, options.Context, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Each new token: the model on the last <see cref="ContextLength"/> ids, from a zero state.</summary>
    private void GenerateByWindows(List<long> ids, int length, TokenSampler sampler,
        IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        int seedCount = ids.Count;
        for (int step = 0; step < length; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            int context = Math.Min(ContextLength, ids.Count);
            var input = torch.tensor(ids.GetRange(ids.Count - context, context).ToArray())
                .reshape(1, context).to(_device);                                       // (1, L) ids
            var (logProbabilities, _, _) = _model.forward(input, null);                // (1, V)
            ids.Add(sampler.Next(Scores(logProbabilities, ids)));
            progress?.Report(new GenerationProgress(ids.Count - seedCount, length));
        }
    }

    /// <summary>The seed once from a zero state, then one step per new token, carrying the LSTM state.</summary>
    private void GenerateByStream(List<long> ids, int length, TokenSampler sampler,
        IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        if (length == 0) return;
        int seedCount = ids.Count;
        LstmState? state = null;
        try
        {
            long[] pending = ids.ToArray();   // what the model has not read yet: the seed, then each new token
            for (int step = 0; step < length; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var input = torch.tensor(pending).reshape(1, pending.Length).to(_device);             // (1, n) ids
                var (logProbabilities, hidden, cell) = _model.forward(input, state is null ? null : (state.Hidden, state.Cell));  // (1, V); (layers, 1, H) twice
                var carried = LstmState.Detached(hidden, cell);
                state?.Dispose();
                state = carried;
                long next = sampler.Next(Scores(logProbabilities, ids));
                ids.Add(next);
                pending = [next];
                progress?.Report(new GenerationProgress(ids.Count - seedCount, length));
            }
        }
        finally
        {
            state?.Dispose();
        }
    }

    /// <summary>
    /// The one row of the network's (1, V) log-probabilities after <paramref name="ids"/>, blended
    /// with the memory's when there is one, as floats on the CPU.
    /// </summary>
    private float[] Scores(Tensor logProbabilities, List<long> ids)
    {
        if (_memory is not null)
        {
            int context = Math.Min(ContextLength, ids.Count);
            using var inputs = torch.tensor(ids.GetRange(ids.Count - context, context).ToArray()).reshape(1, context);   // (1, L) ids
            logProbabilities = _memory.Apply(logProbabilities, inputs);                                                  // (1, V)
        }
        return logProbabilities.select(0, 0).to(torch.CPU).data<float>().ToArray();   // (V,)
    }

    public void Dispose() => _model.Dispose();
}

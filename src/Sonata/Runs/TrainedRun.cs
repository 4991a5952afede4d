using Sonata.Dataset;
using Sonata.Evaluation;
using Sonata.Generation;
using Sonata.Model;
using Sonata.Prediction;
using Sonata.Runtime;
using Sonata.Tokenization;
using Sonata.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Runs;

/// <summary>
/// A run folder, opened once: its config, vocabulary, corpus and split (rebuilt exactly as the
/// trainer made them), the checkpoint chosen (by default the best by validation accuracy) and
/// the predictor made of its networks and memory. What is computed from these lives with its
/// users (the report's overview, the statistics evaluate compares with). The corpus, the networks
/// and the memory are read or counted the first time they are asked for, so that opening a run to
/// export it counts no memory, and one opened to compose counts none unless composing uses it.
/// </summary>
public sealed class TrainedRun : IDisposable
{
    private readonly Device _device;
    private readonly Lazy<(IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> Tokens, CorpusData Data, DatasetSplit Split)> _corpus;
    private readonly Lazy<IReadOnlyDictionary<double, double>?> _onsetSteps;
    private readonly Lazy<IReadOnlyList<TokenizedFile>?> _corpusEvents;
    private readonly Lazy<JudgingCorpus?> _judging;
    private MusicModel? _networks;
    private Predictor? _predictor;
    private bool[]? _trained;

    private TrainedRun(RunFolder folder, CheckpointChoice checkpoint, TrainingConfig config, Vocabulary vocabulary, Device device)
    {
        Folder = folder;
        Checkpoint = checkpoint;
        Config = config;
        Vocabulary = vocabulary;
        _device = device;
        _corpusEvents = new(folder.ReadCorpusEvents);
        _corpus = new(() =>
        {
            var tokens = folder.ReadCorpusTokens();
            var timing = CorpusEvents is { } events ? CorpusTiming.Of(events.Select(f => f.Tokens)) : null;
            var (data, split) = RunCorpus.Rebuild(tokens, vocabulary, config, timing);
            return (tokens, data, split);
        });
        _onsetSteps = new(folder.ReadCorpusSteps);
        _judging = new(() => CorpusEvents is null ? null : new JudgingCorpus(TrainingPieces()));
        _performer = new(() => folder.ReadPerformer(config.Performer.HiddenSize));
    }

    private readonly Lazy<Model.PerformerLstm?> _performer;

    /// <summary>The performer that plays the run's pieces (velocity, tempo), or null when the run trained none.</summary>
    /// <exception cref="InvalidDataException">Its file is damaged.</exception>
    public Model.PerformerLstm? Performer => _performer.Value;

    public RunFolder Folder { get; }

    /// <summary>The checkpoint whose networks predict, and why it was chosen.</summary>
    public CheckpointChoice Checkpoint { get; }

    /// <summary>Every option the run was trained with; its memory's weight is the one this run predicts with.</summary>
    public TrainingConfig Config { get; }

    public Vocabulary Vocabulary { get; }

    /// <summary>Tokens of context the model was trained on (the lab's 100): a primer's length and the window's.</summary>
    public int ContextLength => Config.Data.SequenceLength;

    /// <summary>Whether the run's networks read and predict each token's timing (from its config: nothing is loaded).</summary>
    public bool ReadsTiming => Config.Model.ReadsTiming;

    /// <summary>The tokens the run trained on, file by file in training order.</summary>
    /// <exception cref="FileNotFoundException">The run keeps no corpus-tokens.json (trained by an older Sonata).</exception>
    public IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> CorpusTokens => _corpus.Value.Tokens;

    /// <summary>The corpus as the run's ids.</summary>
    public CorpusData Corpus => _corpus.Value.Data;

    /// <summary>The run's seeded split, rebuilt.</summary>
    public DatasetSplit Split => _corpus.Value.Split;

    /// <summary>The corpus's steps between onsets (quarter notes → count), or null when the run does not know them.</summary>
    public IReadOnlyDictionary<double, double>? OnsetSteps => _onsetSteps.Value;

    /// <summary>The corpus's tokens with music21's offsets and durations, or null when the run does not keep them (trained on a tokens file, or by an older Sonata).</summary>
    public IReadOnlyList<TokenizedFile>? CorpusEvents => _corpusEvents.Value;

    /// <summary>
    /// The training pieces (those with a training window), indexed to judge a piece against: its
    /// figures, the corpus's ranges, what it copies. Null when the run keeps no timing.
    /// </summary>
    public JudgingCorpus? Judging => _judging.Value;

    /// <summary>The checkpoint's networks, in eval mode on the run's device.</summary>
    public MusicModel Networks => _networks ??= LoadNetworks();

    /// <summary>The networks with the run's memory (counted again from the training split when its weight is above 0).</summary>
    public Predictor Predictor => _predictor ??= Prediction.Predictor.ForSplit(Networks, Corpus, Split, ContextLength, Config.Memory, _device);

    /// <summary>
    /// Opens the run folder <paramref name="path"/> at the checkpoint <paramref name="opening"/>
    /// asks for (by default the best by validation accuracy).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">There is no such folder.</exception>
    /// <exception cref="FileNotFoundException">It holds no (such) checkpoint.</exception>
    public static TrainedRun Open(string path, RunOpening? opening = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        opening ??= new RunOpening();
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"no run folder {Path.GetFullPath(path)} (sonata train --out makes one)");
        var folder = new RunFolder(path);
        var checkpoint = CheckpointChoice.Of(folder, opening.Epoch, opening.CheckpointFile);
        var header = Training.Checkpoint.ReadHeader(checkpoint.File);
        double weight = opening.MemoryWeight ?? header.Config.Memory.Weight;
        if (weight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(opening), weight, "a memory weight lies in [0, 1]");
        TorchRuntime.SetThreads(opening.Threads ?? TorchRuntime.DefaultThreads);
        var device = TorchRuntime.ResolveDevice(opening.Device);
        double cache = opening.CacheWeight ?? header.Config.Memory.CacheWeight;
        if (cache is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(opening), cache, "a cache weight lies in [0, 1)");
        var config = header.Config with { Memory = header.Config.Memory with { Weight = weight, CacheWeight = cache } };
        return new TrainedRun(folder, checkpoint, config, new Vocabulary(header.Vocabulary), device);
    }

    /// <summary>A window of the test split, chosen with <paramref name="seed"/>: the lab's way to start a piece.</summary>
    /// <exception cref="InvalidDataException">The run's test split holds no window.</exception>
    public Primer TestWindow(int seed)
    {
        var test = Split.Test;
        if (test.Length == 0) throw new InvalidDataException($"the test split of the run in {Folder.Path} holds no window");
        int pick = new Random(seed).Next(test.Length);
        long start = test[pick];
        var tokens = Corpus.Ids[(int)start..(int)(start + ContextLength)].Select(id => Vocabulary.TokenOf((int)id)).ToList();
        var timing = Corpus.Timing;
        return new Primer(tokens, $"test window {pick + 1:N0} of {test.Length:N0} (tokens {start:N0}–{start + ContextLength - 1:N0} of the corpus)")
        {
            Steps = timing?.Steps[(int)start..(int)(start + ContextLength)],
            Durations = timing?.Durations[(int)start..(int)(start + ContextLength)],
            Performance = timing is null ? null : Performed.Slice(timing, (int)start, ContextLength),
        };
    }

    /// <summary>
    /// The files of the corpus that hold no training window's token: those held out by a pieces
    /// split (none with the lab's split), with their offsets and durations. Null when the run keeps
    /// no corpus events.
    /// </summary>
    public IReadOnlyList<TokenizedFile>? HeldOutPieces() => CorpusEvents is { } events ? [.. events.Where((_, f) => !Trained[f])] : null;

    /// <summary>The files of the corpus that hold a training window's token: all of them with the lab's split, those not held out by pieces.</summary>
    private List<TokenizedFile> TrainingPieces() => [.. CorpusEvents!.Where((_, f) => Trained[f])];

    /// <summary>Whether each file of the corpus holds a training window's first token.</summary>
    private bool[] Trained => _trained ??= TrainedFiles();

    private bool[] TrainedFiles()
    {
        var files = CorpusTokens;
        var trained = new bool[files.Count];
        var fileStarts = new long[files.Count + 1];
        for (int f = 0; f < files.Count; f++) fileStarts[f + 1] = fileStarts[f] + files[f].Tokens.Count;
        foreach (long start in Split.Train)
        {
            int file = Array.BinarySearch(fileStarts, start);
            trained[file >= 0 ? Math.Min(file, files.Count - 1) : ~file - 1] = true;
        }
        return trained;
    }

    private MusicModel LoadNetworks()
    {
        var model = MusicModel.Create(Vocabulary.Count, Config.Model);
        try
        {
            Training.Checkpoint.Load(Checkpoint.File, model, optimizer: null);
            model.to(_device);
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_performer.IsValueCreated) _performer.Value?.Dispose();
        if (_predictor is not null) _predictor.Dispose();
        else _networks?.Dispose();
    }
}

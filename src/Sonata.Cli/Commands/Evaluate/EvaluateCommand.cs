using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sonata.Cli.Views;
using Sonata.Corpus;
using Sonata.Evaluation;
using Sonata.Midi;
using Sonata.Runs;
using Sonata.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Evaluate;

/// <summary>
/// <c>sonata evaluate PATH [--data SOURCE] [--primer-length N] [--json]</c>: judges a MIDI piece, or
/// each MIDI file of a folder, by the figures of MUSIC-FIGURES.md beside the corpus's own ranges,
/// and marks those outside. <c>--run DIR PATH</c> prints the earlier statistics of one piece beside its
/// run's corpus instead. <c>--run DIR --data SOURCE</c> (no PATH) scores the run's model on any
/// music, the lab's way (<see cref="ModelScoring"/>).
/// </summary>
public sealed class EvaluateCommand(IAnsiConsole console, CorpusOptions corpusOptions) : AsyncCommand<EvaluateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[PATH]")]
        [Description("The MIDI file to judge, or a folder: each of its MIDI files (searched recursively) is judged. Leave it out with --run to score the run's model on --data.")]
        public string? Path { get; init; }

        [CommandOption("--data <SOURCE>")]
        [Description("The corpus to judge against (with --run and no PATH: the music to score the model on): a folder of .mid files, a .tar.gz/.tgz, one MIDI file, or an http(s) URL of an archive. Default: the lab's 20 Mozart sonatas, downloaded once into the cache.")]
        public string? Data { get; init; }

        [CommandOption("--primer-length <N>")]
        [Description("Tokens at the start of each piece that are its primer, not generated: the figures of the generated part leave them out.")]
        [DefaultValue(FigureOptions.DefaultPrimerLength)]
        public int PrimerLength { get; init; } = FigureOptions.DefaultPrimerLength;

        [CommandOption("--run <DIR>")]
        [Description("A training run. With no PATH: its model scored on --data the lab's way (each window of its context from a zero state, the next token predicted: accuracy, step accuracy, loss), tokens it does not know read as the nearest it knows and labels it does not know counted as misses. With PATH (one MIDI file): the piece's statistics beside those of the run's corpus.")]
        public string? Run { get; init; }

        [CommandOption("--held-out")]
        [Description("With --run and no PATH: score the model on the run's own held-out pieces (trained with --split pieces) instead of --data.")]
        public bool HeldOut { get; init; }

        [CommandOption("--windows <N>")]
        [Description("With --run and no PATH: score N windows drawn with --seed. Default: every window.")]
        public int? Windows { get; init; }

        [CommandOption("--seed <N>")]
        [Description("With --windows: which windows are drawn.")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;

        [CommandOption("--memory-weight <W>")]
        [Description("With --run and no PATH: the n-gram memory's share in each prediction; 0: the networks alone. Default: the run's.")]
        public double? MemoryWeight { get; init; }

        [CommandOption("--cache-weight <W>")]
        [Description("With --run and no PATH: the largest share of the context cache (what the window itself repeats) in each prediction, below 1; 0: none. Default: the run's.")]
        public double? CacheWeight { get; init; }

        [CommandOption("--threads <N>")]
        [Description("CPU threads for torch. Default: the machine's cores.")]
        public int? Threads { get; init; }

        [CommandOption("--json")]
        [Description("Print JSON for machines instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (PrimerLength < 0) return ValidationResult.Error("--primer-length cannot be negative");
            if (Path is null && Run is null) return ValidationResult.Error("give a MIDI file or folder to judge, or --run DIR to score its model on --data");
            if (Run is not null && Path is not null && Directory.Exists(Path)) return ValidationResult.Error("--run takes one MIDI file, not a folder");
            if (Windows < 1) return ValidationResult.Error("--windows must be at least 1");
            if (HeldOut && (Run is null || Path is not null || Data is not null)) return ValidationResult.Error("--held-out scores --run DIR on its held-out pieces: give no PATH and no --data");
            if (MemoryWeight is < 0 or > 1) return ValidationResult.Error("--memory-weight is a share in [0, 1]");
            if (CacheWeight is < 0 or >= 1) return ValidationResult.Error("--cache-weight is a share in [0, 1)");
            if (Threads < 1) return ValidationResult.Error("--threads must be at least 1");
            return ValidationResult.Success();
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Run is not null && !Directory.Exists(settings.Run)) return Error($"no run folder at {settings.Run}");
        if (settings.Path is null) return await ScoreModelAsync(settings, cancellationToken);
        if (!File.Exists(settings.Path) && !Directory.Exists(settings.Path))
            return Error($"no MIDI file or folder at {settings.Path}");
        if (settings.Run is not null) return RunStatistics(settings, cancellationToken);

        FolderJudgement judgement;
        string corpusDescription;
        try
        {
            var pieces = await ReadPiecesAsync(settings.Path!, cancellationToken);
            var files = await CorpusProgress.ResolveAsync(console, settings.Data, corpusOptions, cancellationToken);
            var corpus = CorpusTokenizer.Tokenize(files.Paths, skipBad: false, filesDone: null, cancellationToken);
            corpusDescription = files.Description;
            judgement = new JudgingCorpus(corpus.Files).JudgeAll(pieces, new FigureOptions(PrimerLength: settings.PrimerLength));
        }
        catch (Exception e) when (e is CorpusException or MidiFormatException or EvaluationException or FormatException)
        {
            return Error(e.Message);
        }

        if (settings.Json)
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(judgement, JsonOptions));
        else
            console.Write(FiguresTable.Build(judgement, corpusDescription));
        return 0;
    }

    /// <summary>The pieces under <paramref name="path"/> (a MIDI file, or a folder's MIDI files), named by their path relative to the folder.</summary>
    private async Task<IReadOnlyList<TokenizedFile>> ReadPiecesAsync(string path, CancellationToken cancellationToken)
    {
        using var locator = new CorpusLocator();
        var files = await locator.ResolveAsync(path, corpusOptions, progress: null, cancellationToken);
        var tokenized = CorpusTokenizer.Tokenize(files.Paths, skipBad: false, filesDone: null, cancellationToken);
        string root = Directory.Exists(path) ? Path.GetFullPath(path) : Path.GetDirectoryName(Path.GetFullPath(path))!;
        return [.. files.Paths.Zip(tokenized.Files, (file, piece) => piece with { Key = Path.GetRelativePath(root, file).Replace('\\', '/') })];
    }

    /// <summary><c>evaluate --run DIR --data SOURCE</c>: the run's model scored on the music of SOURCE.</summary>
    private async Task<int> ScoreModelAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var run = TrainedRun.Open(settings.Run!, new RunOpening
        {
            MemoryWeight = settings.MemoryWeight, CacheWeight = settings.CacheWeight, Device = Runtime.DeviceChoice.Cpu, Threads = settings.Threads,
        });
        var (music, description) = settings.HeldOut ? HeldOut(run) : await ReadMusicAsync(settings.Data, cancellationToken);
        var options = new ScoringOptions { Windows = settings.Windows, Seed = settings.Seed };
        // JSON is for machines: stdout holds it alone, no progress bar.
        var score = settings.Json
            ? await Task.Run(() => ModelScoring.Score(run, music, options, null, cancellationToken), CancellationToken.None)
            : await console.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var task = progress.AddTask("scoring", maxValue: 1);
                var batches = new Progress<(int Batch, int Batches)>(b => (task.MaxValue, task.Value) = (b.Batches, b.Batch));
                return await Task.Run(() => ModelScoring.Score(run, music, options, batches, cancellationToken), CancellationToken.None);
            });
        if (settings.Json)
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new { run = settings.Run, data = description, score }, JsonOptions));
        else
            ModelScoreView.Write(console, score, description, settings.Run!);
        return 0;
    }

    private async Task<(IReadOnlyList<TokenizedFile> Files, string Description)> ReadMusicAsync(string? data, CancellationToken cancellationToken)
    {
        var files = await CorpusProgress.ResolveAsync(console, data, corpusOptions, cancellationToken);
        return (CorpusTokenizer.Tokenize(files.Paths, skipBad: false, filesDone: null, cancellationToken).Files, files.Description);
    }

    /// <summary>The run's held-out pieces, named.</summary>
    private static (IReadOnlyList<TokenizedFile> Files, string Description) HeldOut(TrainedRun run)
    {
        var pieces = run.HeldOutPieces() ?? throw new UserErrorException($"the run in {run.Folder.Path} keeps no corpus events (trained by an older Sonata, or on a tokens file): score it with --data");
        if (pieces.Count == 0) throw new UserErrorException($"the run in {run.Folder.Path} holds out no piece (trained with --split windows): score it with --data");
        return (pieces, $"its {pieces.Count} held-out pieces ({string.Join(", ", pieces.Select(p => p.Key))})");
    }

    /// <summary>The earlier <c>evaluate --run</c>: the piece's statistics beside its run's corpus's.</summary>
    private int RunStatistics(Settings settings, CancellationToken cancellationToken)
    {
        PieceStatistics piece, corpus;
        try
        {
            piece = MusicStatistics.Of([.. Music21Tokenizer.TokenizeFile(settings.Path!).Select(t => t.Token)]);
            cancellationToken.ThrowIfCancellationRequested();
            using var run = TrainedRun.Open(settings.Run!, new RunOpening { Device = Runtime.DeviceChoice.Cpu });
            corpus = MusicStatistics.OfCorpus(run.CorpusTokens.Select(f => f.Tokens));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or MidiFormatException)
        {
            return Error(e.Message);
        }

        if (settings.Json)
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(StatisticsComparison.Compare(piece, corpus), JsonOptions));
        else
            console.Write(StatisticsTable.Build(piece, corpus));
        return 0;
    }

    private int Error(string message)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return 1;
    }
}

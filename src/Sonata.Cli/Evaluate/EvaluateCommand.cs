using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sonata.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Evaluate;

/// <summary>
/// <c>sonata evaluate FILE.mid [--run DIR] [--json]</c>: the statistics of a piece, beside the
/// corpus's when a run is given. Reading MIDI into tokens, and a run's corpus statistics, come
/// in as delegates so that this command depends on neither the tokenizer nor the trainer.
/// </summary>
public sealed class EvaluateCommand : AsyncCommand<EvaluateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The MIDI file to judge.")]
        public string File { get; init; } = "";

        [CommandOption("--run <DIR>")]
        [Description("A training run: its corpus's statistics go in a second column.")]
        public string? Run { get; init; }

        [CommandOption("--json")]
        [Description("Print JSON for machines instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (!System.IO.File.Exists(File)) return ValidationResult.Error($"No MIDI file at {File}.");
            if (Run is not null && !Directory.Exists(Run)) return ValidationResult.Error($"No run folder at {Run}.");
            return ValidationResult.Success();
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly IAnsiConsole _console;
    private readonly Func<string, IReadOnlyList<string>> _tokenize;
    private readonly Func<string, PieceStatistics>? _corpusStatistics;

    /// <param name="console">Where the table or JSON goes.</param>
    /// <param name="tokenize">MIDI file path → its tokens, as music21 would give them.</param>
    public EvaluateCommand(IAnsiConsole console, Func<string, IReadOnlyList<string>> tokenize)
        : this(console, tokenize, null) { }

    /// <param name="console">Where the table or JSON goes.</param>
    /// <param name="tokenize">MIDI file path → its tokens, as music21 would give them.</param>
    /// <param name="corpusStatistics">Run folder → the statistics of the corpus it was trained on.</param>
    public EvaluateCommand(IAnsiConsole console, Func<string, IReadOnlyList<string>> tokenize,
        Func<string, PieceStatistics>? corpusStatistics)
    {
        _console = console;
        _tokenize = tokenize;
        _corpusStatistics = corpusStatistics;
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Run is not null && _corpusStatistics is null)
        {
            _console.MarkupLine("[red]This build cannot read a run's corpus yet; leave out --run.[/]");
            return Task.FromResult(1);
        }

        var piece = MusicStatistics.Of(_tokenize(settings.File));
        cancellationToken.ThrowIfCancellationRequested();
        PieceStatistics? corpus = null;
        try
        {
            corpus = settings.Run is null ? null : _corpusStatistics!(settings.Run);
        }
        catch (FileNotFoundException e)
        {
            _console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return Task.FromResult(1);
        }

        if (settings.Json)
        {
            _console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(StatisticsComparison.Compare(piece, corpus), JsonOptions));
        }
        else
        {
            _console.Write(StatisticsTable.Build(piece, corpus));
        }
        return Task.FromResult(0);
    }
}

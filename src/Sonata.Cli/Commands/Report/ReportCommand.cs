using System.ComponentModel;
using Sonata.Reports;
using Sonata.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Report;

/// <summary>
/// <c>sonata report --run DIR [--pieces DIR] [--out FILE]</c>: one static HTML page to listen to,
/// look at and compare a run's pieces (<see cref="RunReport"/>, <see cref="ReportPage"/>): the run's
/// corpus, recipe, curves and accuracy, and each piece's player, piano roll, figures and settings.
/// </summary>
public sealed class ReportCommand(IAnsiConsole console) : Command<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <DIR>")]
        [Description("The run folder (sonata train --out).")]
        public string Run { get; init; } = "";

        [CommandOption("--pieces <DIR>")]
        [Description("The folder of the pieces: each NAME.mid there, with NAME.wav, NAME.png and NAME.piece.json beside it when they exist. Default: the folder of --out.")]
        public string? Pieces { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("The HTML page to write. It links the pieces' WAVs and piano rolls relative to itself: keep them together.")]
        [DefaultValue(ReportPage.DefaultFileName)]
        public string Out { get; init; } = ReportPage.DefaultFileName;

        public override ValidationResult Validate() =>
            Run.Length == 0 ? ValidationResult.Error("--run: the run folder to report on is needed (sonata train --out makes one)") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string page = Path.GetFullPath(settings.Out);
        string pieces = Path.GetFullPath(settings.Pieces ?? Path.GetDirectoryName(page)!);
        if (!Directory.Exists(settings.Run)) return Error($"no run folder {Path.GetFullPath(settings.Run)} (sonata train --out makes one)");
        if (!Directory.Exists(pieces)) return Error($"no pieces folder {pieces} (sonata generate --out writes pieces there)");

        using var run = TrainedRun.Open(settings.Run, new RunOpening { Device = Runtime.DeviceChoice.Cpu });
        var report = RunReport.Build(run, pieces, cancellationToken);
        ReportPage.Write(report, page);

        int judged = report.Pieces.Count(p => p.Judgement is not null);
        console.MarkupLineInterpolated($"wrote [bold]{page}[/]: the run and {report.Pieces.Count} piece{(report.Pieces.Count == 1 ? "" : "s")} from {pieces}");
        if (report.CorpusPieces is int corpus)
            console.MarkupLineInterpolated($"{judged} judged beside the run's {corpus} training piece{(corpus == 1 ? "" : "s")}");
        foreach (var piece in report.Pieces.Where(p => p.NoFigures is not null && report.FiguresMissing is null))
            console.MarkupLineInterpolated($"[yellow]warning:[/] {piece.Name} has no figures: {piece.NoFigures}");
        if (report.FiguresMissing is { } missing) console.MarkupLineInterpolated($"[yellow]note:[/] no figures: {missing}");
        return 0;
    }

    private int Error(string message)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return 1;
    }
}

using System.ComponentModel;
using Sonata.Export;
using Sonata.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Export;

/// <summary><c>sonata export</c>: a run's weights as safetensors, with vocab.json beside them.</summary>
public sealed class ExportCommand(IAnsiConsole console) : Command<ExportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <DIR>")]
        [Description("The run folder (sonata train --out).")]
        public string Run { get; set; } = "";

        [CommandOption("--out <FILE>")]
        [Description("The safetensors file to write; vocab.json is written beside it.")]
        [DefaultValue(SafetensorsExport.DefaultFileName)]
        public string Out { get; set; } = SafetensorsExport.DefaultFileName;

        [CommandOption("--epoch <N>")]
        [Description("Export this epoch's checkpoint. Default: the best validation accuracy.")]
        public int? Epoch { get; set; }

        public override ValidationResult Validate() =>
            Directory.Exists(Run) ? ValidationResult.Success() : ValidationResult.Error($"--run: no run folder {Run}");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var run = TrainedRun.Open(settings.Run, new RunOpening { Epoch = settings.Epoch, Device = Runtime.DeviceChoice.Cpu });
        var result = SafetensorsExport.Export(run, settings.Out);
        console.MarkupLineInterpolated(
            $"wrote {result.ModelFile} (epoch {result.Epoch}, {run.Checkpoint.Why}; {result.Model}; vocabulary {result.VocabularySize}) and {result.VocabularyFile}");
        return 0;
    }
}

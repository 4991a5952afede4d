using Sonata.Training;
using Spectre.Console;

namespace Sonata.Cli.Commands.Train;

/// <summary>A <see cref="Trainer"/>'s reports as plain lines, for a log or a pipe: the plan, a line per epoch, and when the final scoring starts.</summary>
internal sealed class TrainingLines(IAnsiConsole console) : IProgress<TrainingProgress>
{
    private bool _scoring;

    public void Report(TrainingProgress report)
    {
        switch (report.Phase)
        {
            case TrainingPhase.Started when report.Plan is { } plan:
                TrainingText.Plan(console, plan);
                break;
            case TrainingPhase.EpochFinished:
                TrainingText.Epoch(console, report);
                break;
            case TrainingPhase.Testing when !_scoring:
                _scoring = true;
                console.MarkupLineInterpolated($"scoring the best epoch ({report.Epoch}) on the whole splits");
                break;
        }
    }
}

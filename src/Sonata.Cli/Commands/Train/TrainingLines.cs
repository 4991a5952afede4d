using System.Diagnostics;
using Sonata.Training;
using Spectre.Console;

namespace Sonata.Cli.Commands.Train;

/// <summary>
/// A <see cref="Trainer"/>'s reports as plain lines, for a log or a pipe: the plan, what the budget
/// allows, a line per epoch, a line a minute within a long epoch, and when the final scoring starts.
/// </summary>
internal sealed class TrainingLines(IAnsiConsole console) : IProgress<TrainingProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
    private bool _scoring;

    public void Report(TrainingProgress report)
    {
        switch (report.Phase)
        {
            case TrainingPhase.Started when report.Plan is { } plan:
                TrainingText.Plan(console, plan);
                break;
            case TrainingPhase.Budgeted when report.Budget is { } budget:
                TrainingText.Budget(console, budget);
                break;
            case TrainingPhase.Training when _sinceLine.Elapsed >= Interval:
                console.MarkupLineInterpolated(
                    $"epoch {report.Epoch}/{report.Epochs}  batch {report.Batch}/{report.Batches}  loss {report.RunningLoss:F4}{TrainingText.Left(report.SecondsLeft, report.JobSecondsLeft)}");
                _sinceLine.Restart();
                break;
            case TrainingPhase.PerformerTrained:
                TrainingText.Performer(console, report);
                break;
            case TrainingPhase.EpochFinished:
                TrainingText.Epoch(console, report);
                _sinceLine.Restart();
                break;
            case TrainingPhase.Testing when !_scoring:
                _scoring = true;
                console.MarkupLineInterpolated($"scoring the best epoch ({report.Epoch}) on the test split");
                break;
        }
    }
}

using Sonata.Training;
using Spectre.Console;

namespace Sonata.Cli.Commands.Train;

/// <summary>
/// Draws a <see cref="Trainer"/>'s reports in a terminal: a bar per epoch with its running loss,
/// the last validation accuracy and the time the run has left, then a line per finished epoch.
/// </summary>
internal sealed class TrainingProgressView(IAnsiConsole console, ProgressContext context) : IProgress<TrainingProgress>
{
    private ProgressTask? _task;
    private int _taskEpoch;
    private TrainingPhase _taskPhase;

    public void Report(TrainingProgress report)
    {
        switch (report.Phase)
        {
            case TrainingPhase.Started when report.Plan is { } plan:
                TrainingText.Plan(console, plan);
                break;
            case TrainingPhase.Training:
                var task = TaskFor(report, $"epoch {report.Epoch}/{report.Epochs}");
                double stepsPerSecond = report.Batch / Math.Max(report.Seconds, 1e-9);
                string validated = report.LastValAccuracy is { } accuracy ? $"  val {accuracy:P1}" : "";
                task.Description = $"epoch {report.Epoch}/{report.Epochs}  loss {report.RunningLoss:F4}{validated}  {stepsPerSecond:F2} steps/s{TrainingText.Left(report.SecondsLeft, report.JobSecondsLeft)}";
                task.Value = report.Batch;
                break;
            case TrainingPhase.MeasuringScoring or TrainingPhase.MeasuringTraining:
                TaskFor(report, "measuring this machine's speed for the budget").Value = report.Batch;
                break;
            case TrainingPhase.Performing:
                TaskFor(report, "the performer: how the corpus is played (velocity, tempo)").Value = report.Batch;
                break;
            case TrainingPhase.PerformerTrained:
                _task?.StopTask();
                _task = null;
                TrainingText.Performer(console, report);
                break;
            case TrainingPhase.Validating:
                TaskFor(report, $"epoch {report.Epoch}/{report.Epochs}  validating").Value = report.Batch;
                break;
            case TrainingPhase.Testing:
                TaskFor(report, $"test (best model, epoch {report.Epoch})").Value = report.Batch;
                break;
            case TrainingPhase.Budgeted when report.Budget is { } budget:
                TrainingText.Budget(console, budget);
                break;
            case TrainingPhase.EpochFinished:
                _task?.StopTask();
                _task = null;
                TrainingText.Epoch(console, report);
                break;
        }
    }

    /// <summary>The bar of this epoch and phase; a new one when either changes.</summary>
    private ProgressTask TaskFor(TrainingProgress report, string description)
    {
        if (_task is null || _taskEpoch != report.Epoch || _taskPhase != report.Phase)
        {
            _task?.StopTask();
            _task = context.AddTask(description, maxValue: report.Batches);
            _taskEpoch = report.Epoch;
            _taskPhase = report.Phase;
        }
        return _task;
    }
}

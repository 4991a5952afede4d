using System.Globalization;
using Sonata.Training;
using Spectre.Console;

namespace Sonata.Cli.Commands.Train;

/// <summary>Draws a <see cref="Trainer"/>'s reports: a bar per epoch, then a line per finished epoch.</summary>
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
                Describe(plan);
                break;
            case TrainingPhase.Training:
                var task = TaskFor(report, $"epoch {report.Epoch}/{report.Epochs}");
                double stepsPerSecond = report.Batch / Math.Max(report.Seconds, 1e-9);
                task.Description = $"epoch {report.Epoch}/{report.Epochs}  loss {report.RunningLoss:F4}  {stepsPerSecond:F2} steps/s";
                task.Value = report.Batch;
                break;
            case TrainingPhase.Validating:
                TaskFor(report, $"epoch {report.Epoch}/{report.Epochs}  validating").Value = report.Batch;
                break;
            case TrainingPhase.Testing:
                TaskFor(report, $"test (best model, epoch {report.Epoch})").Value = report.Batch;
                break;
            case TrainingPhase.EpochFinished when report.Metrics is { } m:
                _task?.StopTask();
                _task = null;
                console.MarkupLineInterpolated(
                    $"epoch {m.Epoch}/{report.Epochs}  train loss {m.TrainLoss:F4}  val loss {m.ValLoss:F4}  val accuracy [bold]{m.ValAccuracy:P2}[/]{NetworkAlone(m.NetworkValAccuracy)}  {m.Seconds:F0} s");
                break;
        }
    }

    /// <summary>" (network alone 41.20 %)" when the model blends in a memory.</summary>
    public static string NetworkAlone(double? accuracy) =>
        accuracy is { } alone ? string.Create(CultureInfo.CurrentCulture, $" (network alone {alone:P2})") : "";

    private void Describe(TrainingPlan plan)
    {
        console.MarkupLineInterpolated(
            $"{plan.Tokens:N0} tokens, vocabulary {plan.VocabularySize}, {plan.Windows:N0} windows: {plan.TrainWindows:N0} train, {plan.ValWindows:N0} validation, {plan.TestWindows:N0} test");
        console.MarkupLineInterpolated(
            $"batches per epoch: [bold]{plan.TrainBatches}[/] train, [bold]{plan.ValBatches}[/] validation, [bold]{plan.TestBatches}[/] test");
        console.MarkupLineInterpolated($"recipe {plan.Recipe.ToString().ToLowerInvariant()}, device {plan.Device}, {plan.Threads} thread(s)");
        if (plan.ResumedFrom is not null)
            console.MarkupLineInterpolated($"resumed from {plan.ResumedFrom}: epoch {plan.FirstEpoch} of {plan.Epochs}");
        foreach (string fitted in plan.Fitted)
            console.MarkupLineInterpolated($"[yellow]fitted to a small corpus:[/] {fitted}");
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

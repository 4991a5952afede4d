using System.Globalization;
using Sonata.Training;
using Spectre.Console;

namespace Sonata.Cli.Commands.Train;

/// <summary>The lines a training run prints, the same with a progress bar and in a log.</summary>
internal static class TrainingText
{
    public static void Plan(IAnsiConsole console, TrainingPlan plan)
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

    public static void Epoch(IAnsiConsole console, TrainingProgress report)
    {
        if (report.Metrics is not { } m) return;
        console.MarkupLineInterpolated(
            $"epoch {m.Epoch}/{report.Epochs}  train loss {m.TrainLoss:F4}  val loss {m.ValLoss:F4}  val accuracy [bold]{m.ValAccuracy:P2}[/]{NetworkAlone(m.NetworkValAccuracy)}{Steps(m.ValStepAccuracy)}  {m.Seconds:F0} s{Left(report.SecondsLeft)}");
    }

    /// <summary>" (network alone 41.20 %)" when the model blends in a memory.</summary>
    public static string NetworkAlone(double? accuracy) =>
        accuracy is { } alone ? string.Create(CultureInfo.CurrentCulture, $" (network alone {alone:P2})") : "";

    /// <summary>", steps 61.20 %" for a rhythm-aware model.</summary>
    public static string Steps(double? accuracy) =>
        accuracy is { } steps ? string.Create(CultureInfo.CurrentCulture, $", steps {steps:P2}") : "";

    /// <summary>"  ≤ 7:12 left" (the run's, final scoring included), or nothing.</summary>
    public static string Left(double? seconds) =>
        seconds is { } left && double.IsFinite(left)
            ? string.Create(CultureInfo.InvariantCulture, $"  {(int)(left / 60)}:{(int)(left % 60):00} left")
            : "";
}

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
        foreach (string warning in plan.Warnings)
            console.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        foreach (string fitted in plan.Fitted)
            console.MarkupLineInterpolated($"[yellow]fitted to a small corpus:[/] {fitted}");
    }

    /// <summary>The line for a trained performer.</summary>
    public static void Performer(IAnsiConsole console, TrainingProgress report) =>
        console.MarkupLineInterpolated(
            $"[dim]performer: {report.Batch} steps in {report.Seconds:F0} s, loss {report.RunningLoss:F3}{(report.ValLoss is { } val ? $", validation {val:F3}" : "")} (velocity and tempo, nats a token)[/]");

    /// <summary>What the budget allows on this machine, as measured before the first epoch.</summary>
    public static void Budget(IAnsiConsole console, BudgetPlan budget) =>
        console.MarkupLineInterpolated(
            $"measured here: an epoch takes about {TimeBudget.Clock(budget.EpochSeconds)} (validation {TimeBudget.Clock(budget.ValidationSeconds)} of it), the final scoring {TimeBudget.Clock(budget.FinalScoringSeconds)}; the budget leaves training {TimeBudget.Clock(budget.TrainingSeconds)}: about {budget.Epochs} epoch(s){(budget.JobSeconds > budget.TrainingSeconds ? $", the job {TimeBudget.Clock(budget.JobSeconds)}" : "")}");

    public static void Epoch(IAnsiConsole console, TrainingProgress report)
    {
        if (report.Metrics is not { } m) return;
        console.MarkupLineInterpolated(
            $"epoch {m.Epoch}/{report.Epochs}  train loss {m.TrainLoss:F4}  val loss {m.ValLoss:F4}  val accuracy [bold]{m.ValAccuracy:P2}[/]{NetworkAlone(m.NetworkValAccuracy)}{Steps(m.ValStepAccuracy)}  {m.Seconds:F0} s{Left(report.SecondsLeft, report.JobSecondsLeft)}");
    }

    /// <summary>The run's figures (saying what they were measured on) and what its budget bought.</summary>
    public static void Summary(IAnsiConsole console, TrainingSummary summary, TrainingOptions options, string folder)
    {
        if (summary.TestAccuracy is { } test)
        {
            double validation = summary.ValAccuracy ?? summary.BestValAccuracy!.Value;
            string validationOn = summary.ValAccuracy is null
                ? $"its {summary.ValWindowsScored:N0} seeded windows, scored with epoch {summary.BestEpoch}"
                : $"the whole split ({summary.ValWindowsScored:N0} windows)";
            console.MarkupLineInterpolated(
                $"validation accuracy [bold]{validation:P2}[/] ± {Binomial.HalfWidth95(validation, summary.ValWindowsScored):P1} (95 %){NetworkAlone(summary.NetworkValAccuracy)}{Steps(summary.ValStepAccuracy)} on {validationOn}");
            string testOn = summary.TestWindowsScored >= summary.TestSplitWindows ? $"the whole split ({summary.TestWindowsScored:N0} windows)"
                : $"{(options.TestWindows is null ? "the first" : "a seeded")} {summary.TestWindowsScored:N0} of its {summary.TestSplitWindows:N0} windows";
            console.MarkupLineInterpolated(
                $"test accuracy [bold]{test:P2}[/] ± {Binomial.HalfWidth95(test, summary.TestWindowsScored):P1}{NetworkAlone(summary.NetworkTestAccuracy)}{Steps(summary.TestStepAccuracy)}, loss {summary.TestLoss:F4}: the {summary.TestModel} model on {testOn}");
        }
        console.MarkupLineInterpolated($"{summary.Epochs} epoch(s), {TimeBudget.Clock(summary.Seconds)}, stopped by {Describe(summary.StopReason)}");
        if (Outlook(summary, options.Minutes) is { } outlook) console.MarkupLineInterpolated($"{outlook}");
        console.MarkupLineInterpolated($"metrics, plots and checkpoints in {folder}");
    }

    /// <summary>"an epoch takes 1:50 here …": what a longer budget would add, when the budget stopped the run; else null.</summary>
    private static string? Outlook(TrainingSummary summary, double? budgetMinutes)
    {
        if (summary.StopReason != StopReason.TimeBudget || summary.EpochSeconds is not { } epoch || budgetMinutes is not { } minutes) return null;
        string trend = summary.RecentGain is { } gain
            ? string.Create(CultureInfo.CurrentCulture, $" (validation {(gain >= 0 ? "+" : "−")}{Math.Abs(gain) * 100:0.0} points over the last 3)")
            : "";
        double longer = Math.Max(30, 2 * Math.Ceiling(minutes));
        int more = (int)((longer - minutes) * 60 / epoch);
        return string.Create(CultureInfo.InvariantCulture,
            $"an epoch takes {TimeBudget.Clock(epoch)} here{trend}: more time trains more epochs until validation stops improving (--minutes {longer:0}: about {more} more)");
    }

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.Epochs => "the last epoch",
        StopReason.TargetAccuracy => "the target accuracy",
        StopReason.Patience => "the patience (validation stopped improving: a longer budget would not add)",
        StopReason.TimeBudget => "the time budget",
        _ => "Ctrl-C",
    };

    /// <summary>" (network alone 41.20 %)" when the model blends in a memory.</summary>
    public static string NetworkAlone(double? accuracy) =>
        accuracy is { } alone ? string.Create(CultureInfo.CurrentCulture, $" (network alone {alone:P2})") : "";

    /// <summary>", steps 61.20 %" for a rhythm-aware model.</summary>
    public static string Steps(double? accuracy) =>
        accuracy is { } steps ? string.Create(CultureInfo.CurrentCulture, $", steps {steps:P2}") : "";

    /// <summary>
    /// "  training 7:12 left, job 8:12" (training's, its final scoring included, and the whole job's
    /// when it has a budget), or nothing.
    /// </summary>
    public static string Left(double? seconds, double? jobSeconds) =>
        seconds is { } left && double.IsFinite(left)
            ? $"  training {TimeBudget.Clock(left)} left{(jobSeconds is { } job ? $", job {TimeBudget.Clock(job)}" : "")}"
            : "";
}

using System.Globalization;

namespace Sonata.Training;

/// <summary>What a time budget allows on this machine, from the speeds a <see cref="TrainingClock"/> measured.</summary>
public static class TimeBudget
{
    /// <summary>The smallest budget suggested is what one epoch needs, with this much to spare for a busier moment.</summary>
    private const double Margin = 1.25;

    /// <summary>
    /// Refuses, before the first epoch, a budget too small for one epoch, its validation and the
    /// final scoring at the measured speeds, naming the smallest budget that would fit.
    /// </summary>
    /// <exception cref="TimeBudgetException">The budget is too small for one epoch.</exception>
    internal static void EnsureOneEpochFits(double minutes, JobBudget job, TrainingClock clock, int epochBatches)
    {
        double epoch = clock.EpochSeconds(epochBatches), final = clock.FinalScoringSeconds;
        double left = clock.TrainingSeconds - clock.Elapsed;
        if (epoch + final <= left) return;
        double needed = clock.SpentBefore + clock.Elapsed + job.ReserveSeconds + Margin * (epoch + final);
        double smallest = Math.Ceiling(needed / 30) / 2;   // whole half-minutes
        throw new TimeBudgetException(string.Create(CultureInfo.InvariantCulture,
            $"a {minutes:0.##}-minute budget leaves training {Clock(Math.Max(0, left))}, too little for one epoch on this machine " +
            $"(about {Clock(epoch + final)} with its scoring): give --minutes {smallest:0.#} or more"));
    }

    /// <summary>The median seconds of the epochs that ran every batch, or of all when none did; null without epochs.</summary>
    public static double? TypicalEpochSeconds(IReadOnlyList<EpochMetrics> history, int epochBatches)
    {
        var full = history.Where(m => m.Batches is null || m.Batches >= epochBatches).Select(m => m.Seconds).ToList();
        var seconds = (full.Count > 0 ? full : history.Select(m => m.Seconds)).Order().ToList();
        return seconds.Count == 0 ? null : seconds[seconds.Count / 2];
    }

    /// <summary>"2:05".</summary>
    public static string Clock(double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)}:{(int)(seconds % 60):00}");
}

/// <summary>A time budget too small for one epoch on this machine; the message names the smallest that would fit.</summary>
public sealed class TimeBudgetException(string message) : Exception(message);

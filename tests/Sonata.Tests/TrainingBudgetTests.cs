using System.Globalization;
using System.Text.RegularExpressions;
using Sonata.Model;
using Sonata.Training;

namespace Sonata.Tests;

/// <summary>
/// The time budget, on simulated machines (<see cref="SimulatedMachine"/>): no assertion here
/// depends on how fast the machine running the tests is, or how busy.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed partial class TrainingBudgetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sonata-budget-").FullName;
    private readonly ManualClock _clock = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// A tiny model whose epoch is 3 training batches and 2 scored batches of validation; its final
    /// scoring is 2 batches of test windows. On the default machine (a batch 2 s, a scored batch
    /// 1.6 s) an epoch takes 9.2 s.
    /// </summary>
    private static TrainingConfig Budgeted(double minutes, Recipe recipe = Recipe.Lab) => TrainerTests.Tiny(epochs: 10_000, recipe) with
    {
        Training = TrainerTests.Tiny(1).Training with
        {
            Epochs = 10_000, Minutes = minutes, MaxEvalBatches = null, ValidationWindows = 64, TestWindows = 64,
        },
    };

    private TrainingSummary Train(TrainingConfig config, SimulatedMachine machine, string name, JobBudget? job = null) =>
        new Trainer(config, (job ?? JobBudget.None) with { Time = _clock })
            .Run(ReferenceTokens.Corpus, new RunFolder(Path.Combine(_root, name)), resume: false, machine, CancellationToken.None);

    [Fact]
    public void A_budget_ends_training_in_time_for_the_final_scoring_on_a_slow_machine_as_on_a_fast_one()
    {
        foreach (double slowdown in new[] { 1.0, 4.0 })
        {
            double start = _clock.Seconds;
            var machine = new SimulatedMachine(_clock) { BatchSeconds = 2 * slowdown, ScoredBatchSeconds = 1.6 * slowdown };
            var summary = Train(Budgeted(minutes: 2 * slowdown), machine, $"slowdown-{slowdown}");

            Assert.Equal(StopReason.TimeBudget, summary.StopReason);
            Assert.InRange(_clock.Seconds - start, 0.8 * 120 * slowdown, 120 * slowdown);   // used, and not overrun
            Assert.InRange(summary.Epochs, 10, 12);                                         // (120 s - 5.6 s probe - 3.2 s test) / 9.2 s
            Assert.Equal(64, summary.TestWindowsScored);
            Assert.NotNull(summary.TestAccuracy);
            var budget = Assert.Single(machine.Reports, r => r.Phase == TrainingPhase.Budgeted).Budget!;
            Assert.Equal(9.2 * slowdown, budget.EpochSeconds, precision: 6);
            Assert.Equal(summary.Epochs, budget.Epochs);
        }
    }

    [Fact]
    public void A_budget_too_small_for_one_epoch_is_refused_up_front_naming_one_that_fits()
    {
        var machine = new SimulatedMachine(_clock) { BatchSeconds = 8, ScoredBatchSeconds = 6 };
        var refusal = Assert.Throws<TimeBudgetException>(() => Train(Budgeted(minutes: 0.5), machine, "small"));

        Assert.DoesNotContain('\n', refusal.Message);
        Assert.Empty(new RunFolder(Path.Combine(_root, "small")).Checkpoints());
        Assert.DoesNotContain(machine.Reports, r => r.Phase == TrainingPhase.Training);   // refused before the first batch
        var named = SmallestBudget().Match(refusal.Message);
        Assert.True(named.Success, refusal.Message);
        double smallest = double.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture);

        var summary = Train(Budgeted(smallest), new SimulatedMachine(_clock) { BatchSeconds = 8, ScoredBatchSeconds = 6 }, "fits");
        Assert.True(summary.Epochs >= 1);
        Assert.NotNull(summary.TestAccuracy);
    }

    [Fact]
    public void A_machine_slower_than_its_probe_still_trains_and_keeps_an_epoch()
    {
        // The probe measures 2 s a batch; then every batch takes 30 s: the first epoch is cut after one batch.
        var machine = new SimulatedMachine(_clock) { BatchSeconds = 2, EpochBatchSeconds = 30 };
        var summary = Train(Budgeted(minutes: 0.5), machine, "slower");

        Assert.Equal((1, StopReason.TimeBudget), (summary.Epochs, summary.StopReason));
        Assert.Single(new RunFolder(Path.Combine(_root, "slower")).Checkpoints());
        Assert.NotNull(summary.TestAccuracy);
    }

    [Fact]
    public void A_job_s_budget_counts_its_earlier_stages_and_keeps_its_reserve()
    {
        // A 12-minute job that began 10 minutes ago and keeps 30 s for its piece: training has 90 s.
        var job = new JobBudget { Started = _clock.GetUtcNow().AddMinutes(-10), ReserveSeconds = 30 };
        var machine = new SimulatedMachine(_clock);
        double start = _clock.Seconds;
        var summary = Train(Budgeted(minutes: 12), machine, "job", job);

        Assert.InRange(_clock.Seconds - start, 60, 90);
        Assert.InRange(summary.Epochs, 7, 9);                                  // (90 s - 5.6 s - 3.2 s) / 9.2 s
        var last = machine.Reports.Last(r => r.Phase == TrainingPhase.EpochFinished);
        Assert.Equal(last.SecondsLeft!.Value + 30, last.JobSecondsLeft!.Value, precision: 6);
    }

    [Theory]
    [InlineData(Recipe.Lab)]
    [InlineData(Recipe.Streams)]
    public void Measuring_the_machine_leaves_the_model_as_it_was(Recipe recipe)
    {
        var unbudgeted = Budgeted(minutes: 1, recipe) with
        {
            Training = Budgeted(1, recipe).Training with { Epochs = 2, Minutes = null },
            Model = new ModelOptions { EmbeddingSize = 8, HiddenSize = 32, Layers = 1, Dropout = 0.2 },
        };
        var budgeted = unbudgeted with { Training = unbudgeted.Training with { Minutes = 1000 } };
        Train(unbudgeted, new SimulatedMachine(_clock), "unbudgeted");
        Train(budgeted, new SimulatedMachine(_clock), "budgeted");

        var expected = TrainerTests.Weights(new RunFolder(Path.Combine(_root, "unbudgeted")).CheckpointFile(2));
        var actual = TrainerTests.Weights(new RunFolder(Path.Combine(_root, "budgeted")).CheckpointFile(2));
        Assert.Equal(expected.Select(w => w.Name), actual.Select(w => w.Name));
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Values, actual[i].Values);
    }

    [GeneratedRegex(@"give --minutes ([0-9.]+) or more$")]
    private static partial Regex SmallestBudget();
}

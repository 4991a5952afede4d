using Sonata.Training;

namespace Sonata.Tests;

/// <summary>The learning rate of each batch: the decay by epoch and the warm-up over the run's first batches.</summary>
public sealed class LearningRateScheduleTests
{
    [Fact]
    public void The_warm_up_rises_over_the_first_batches_of_the_run_then_holds_the_rate()
    {
        var options = new TrainingOptions { LearningRate = 0.002, WarmupBatches = 4 };

        Assert.Equal(0.002 / 4, LearningRateSchedule.For(options, epoch: 1, batch: 0), 12);
        Assert.Equal(0.002 * 3 / 4, LearningRateSchedule.For(options, epoch: 1, batch: 2), 12);
        Assert.Equal(0.002, LearningRateSchedule.For(options, epoch: 1, batch: 3), 12);
        // Epoch 2 starts after epoch 1's 3 batches: its first batch is the run's fourth, at the full rate.
        Assert.Equal(0.002, LearningRateSchedule.For(options, epoch: 2, batch: 3), 12);
    }

    [Fact]
    public void Each_epoch_decays_the_rate_and_no_warm_up_starts_at_the_full_rate()
    {
        var options = new TrainingOptions { LearningRate = 0.001, LearningRateDecay = 0.5 };

        Assert.Equal(0.001, LearningRateSchedule.For(options, epoch: 1, batch: 0), 12);
        Assert.Equal(0.00025, LearningRateSchedule.For(options, epoch: 3, batch: 100), 12);
    }
}

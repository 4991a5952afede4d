namespace Sonata.Training;

/// <summary>The learning rate of each epoch: a pure function of the options and the epoch, so resuming needs no state.</summary>
public static class LearningRateSchedule
{
    /// <summary><see cref="TrainingOptions.LearningRate"/> × <see cref="TrainingOptions.LearningRateDecay"/>^(epoch − 1).</summary>
    public static double For(TrainingOptions options, int epoch)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.LearningRate * Math.Pow(options.LearningRateDecay, epoch - 1);
    }
}

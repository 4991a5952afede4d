using Sonata.Training;

namespace Sonata.Tests;

/// <summary>
/// A machine of given speeds, made of a <see cref="ManualClock"/> that a trainer's progress
/// reports move: each training batch (of an epoch or of the speed probe) takes
/// <see cref="BatchSeconds"/>, each scored batch of windows <see cref="ScoredBatchSeconds"/>. The
/// trainer reads the clock after each report, so it meets exactly these speeds, whatever the speed
/// of the machine running the test.
/// </summary>
internal sealed class SimulatedMachine(ManualClock clock) : IProgress<TrainingProgress>
{
    public double BatchSeconds { get; set; } = 2;

    public double ScoredBatchSeconds { get; set; } = 1.6;

    /// <summary>Seconds of an epoch's training batch, when not those the probe measured: a machine that got busier after it was measured.</summary>
    public double? EpochBatchSeconds { get; init; }

    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        switch (value.Phase)
        {
            case TrainingPhase.Training:
                clock.Advance(EpochBatchSeconds ?? BatchSeconds);
                break;
            case TrainingPhase.MeasuringTraining:
                clock.Advance(BatchSeconds);
                break;
            case TrainingPhase.MeasuringScoring or TrainingPhase.Validating or TrainingPhase.Testing:
                clock.Advance(ScoredBatchSeconds);
                break;
        }
    }
}

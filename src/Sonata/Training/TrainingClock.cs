using System.Diagnostics;

namespace Sonata.Training;

/// <summary>
/// One training session's time against its budget (<see cref="TrainingOptions.Minutes"/>): the
/// budget covers the epochs and the final scoring of the best one, so training stops early enough
/// to leave time for the scoring still to come, at the speed scoring was last measured.
/// </summary>
internal sealed class TrainingClock
{
    private readonly Stopwatch _session = Stopwatch.StartNew();
    private readonly double _budget;              // seconds; +∞ without a budget
    private readonly int _validationWindows;      // scored after every epoch
    private readonly int _finalWindows;           // scored once training stops
    private double _secondsPerWindow;             // of scoring, as last measured
    private double _secondsPerBatch;              // of training, as last measured

    /// <param name="minutes">The budget, or null for none.</param>
    /// <param name="validationWindows">Windows validated after each epoch.</param>
    /// <param name="finalWindows">Windows scored at the end (the test split, and the whole validation split when epochs score a subset).</param>
    public TrainingClock(double? minutes, int validationWindows, int finalWindows)
    {
        _budget = minutes is { } m ? m * 60 : double.PositiveInfinity;
        _validationWindows = validationWindows;
        _finalWindows = finalWindows;
    }

    public bool HasBudget => !double.IsPositiveInfinity(_budget);

    /// <summary>Seconds since the session began.</summary>
    public double Elapsed => _session.Elapsed.TotalSeconds;

    /// <summary>Scoring <paramref name="windows"/> windows took <paramref name="seconds"/>.</summary>
    public void Scored(int windows, double seconds)
    {
        if (windows > 0) _secondsPerWindow = seconds / windows;
    }

    /// <summary>An epoch's training ran <paramref name="batches"/> batches in <paramref name="seconds"/>.</summary>
    public void Trained(int batches, double seconds)
    {
        if (batches > 0) _secondsPerBatch = seconds / batches;
    }

    /// <summary>Whether another batch would leave too little of the budget for this epoch's validation and the final scoring.</summary>
    public bool OutOfTime => Elapsed + _secondsPerBatch + (_validationWindows + _finalWindows) * _secondsPerWindow >= _budget;

    /// <summary>
    /// Seconds this session has left: to the budget's end, or, without one, what
    /// <paramref name="batchesLeft"/> more batches and <paramref name="epochsLeft"/> more validations
    /// and the final scoring would take at the measured speeds.
    /// </summary>
    public double SecondsLeft(long batchesLeft, int epochsLeft) => HasBudget
        ? Math.Max(0, _budget - Elapsed)
        : batchesLeft * _secondsPerBatch + (epochsLeft * (long)_validationWindows + _finalWindows) * _secondsPerWindow;
}

namespace Sonata.Training;

/// <summary>
/// One training session's time against its budget (<see cref="TrainingOptions.Minutes"/>), read
/// from an injected <see cref="TimeProvider"/>: the budget covers the epochs and the final scoring
/// of the best one, so training stops early enough to leave time for the scoring still to come, at
/// the speeds last measured on this machine. When the session is part of a longer job
/// (<see cref="JobBudget"/>), the budget counts from the job's start and keeps the job's reserve.
/// </summary>
internal sealed class TrainingClock
{
    private readonly TimeProvider _time;
    private readonly long _started;               // the session's start, as a timestamp of _time
    private readonly double _trainingEnd;         // seconds after the session's start; +∞ without a budget
    private readonly double _jobEnd;              // the same, for the whole job (training's end plus the reserve)
    private readonly bool _isJob;                 // whether training is part of a longer job
    private readonly int _validationWindows;      // scored after every epoch
    private readonly int _finalWindows;           // scored once training stops
    private double _secondsPerWindow;             // of scoring, as last measured
    private double _secondsPerBatch;              // of training, as last measured

    /// <param name="minutes">The budget, or null for none.</param>
    /// <param name="job">Where the budget started and what it keeps for after training.</param>
    /// <param name="validationWindows">Windows validated after each epoch.</param>
    /// <param name="finalWindows">Windows scored at the end, once.</param>
    public TrainingClock(double? minutes, JobBudget job, int validationWindows, int finalWindows)
    {
        ArgumentNullException.ThrowIfNull(job);
        _time = job.Time;
        _started = _time.GetTimestamp();
        double spentBefore = job.Started is { } start ? Math.Max(0, (_time.GetUtcNow() - start).TotalSeconds) : 0;
        _jobEnd = minutes is { } m ? m * 60 - spentBefore : double.PositiveInfinity;
        _trainingEnd = _jobEnd - job.ReserveSeconds;
        _isJob = job.IsJob;
        _validationWindows = validationWindows;
        _finalWindows = finalWindows;
        SpentBefore = spentBefore;
    }

    public bool HasBudget => !double.IsPositiveInfinity(_trainingEnd);

    /// <summary>Seconds of the job's budget spent before this session began.</summary>
    public double SpentBefore { get; }

    /// <summary>Seconds since the session began.</summary>
    public double Elapsed => _time.GetElapsedTime(_started).TotalSeconds;

    /// <summary>Seconds the budget gives training and its final scoring, from the session's start.</summary>
    public double TrainingSeconds => _trainingEnd;

    /// <summary>Seconds of training a full epoch of <paramref name="batches"/> batches takes, validation included, at the measured speeds.</summary>
    public double EpochSeconds(int batches) => batches * _secondsPerBatch + _validationWindows * _secondsPerWindow;

    /// <summary>Seconds an epoch's validation takes at the measured speed.</summary>
    public double ValidationSeconds => _validationWindows * _secondsPerWindow;

    /// <summary>Seconds the final scoring takes at the measured speed.</summary>
    public double FinalScoringSeconds => _finalWindows * _secondsPerWindow;

    /// <summary>What the budget allows from now, at the measured speeds.</summary>
    public BudgetPlan Plan(int epochBatches) => new(
        Math.Max(0, _trainingEnd - Elapsed), Math.Max(0, _jobEnd - Elapsed), EpochSeconds(epochBatches), ValidationSeconds, FinalScoringSeconds);

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
    public bool OutOfTime => Elapsed + _secondsPerBatch + (_validationWindows + _finalWindows) * _secondsPerWindow >= _trainingEnd;

    /// <summary>
    /// Seconds this session has left, its final scoring included: to the budget's end for training,
    /// or, without one, what <paramref name="batchesLeft"/> more batches and
    /// <paramref name="epochsLeft"/> more validations and the final scoring would take at the measured speeds.
    /// </summary>
    public double SecondsLeft(long batchesLeft, int epochsLeft) => HasBudget
        ? Math.Max(0, _trainingEnd - Elapsed)
        : batchesLeft * _secondsPerBatch + (epochsLeft * (long)_validationWindows + _finalWindows) * _secondsPerWindow;

    /// <summary>Seconds the whole job has left to its budget's end; null without a budget, or when training is the whole job.</summary>
    public double? JobSecondsLeft => HasBudget && _isJob ? Math.Max(0, _jobEnd - Elapsed) : null;
}

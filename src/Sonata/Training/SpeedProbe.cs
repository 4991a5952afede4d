using Sonata.Dataset;
using Sonata.Model;
using Sonata.Prediction;
using TorchSharp;

namespace Sonata.Training;

/// <summary>
/// Measures this machine's speeds of training and scoring before the first epoch, so that a budget
/// can be checked up front. Each is measured warm: the first call of a process pays for loading and
/// compiling, and a cold probe once refused every epoch of a budget that fitted several. The model is left as it was: no
/// optimizer step is made, the buffers that training mode moves (BatchNorm's running statistics)
/// are put back, and every epoch reseeds and restarts the recipe. (Taken in eval mode instead, the
/// gradients took twice a training batch's time on a slowed machine.)
/// </summary>
internal static class SpeedProbe
{
    /// <summary>Training batches timed after the warm-up one (fewer when an epoch is shorter).</summary>
    private const int TimedBatches = 2;

    /// <summary>
    /// Tells <paramref name="clock"/> how long a training batch and a scored window take, reporting
    /// each timed batch to <paramref name="progress"/> before the clock is read.
    /// </summary>
    public static void Measure(
        MusicModel model, ITrainingRecipe recipe, Predictor predictor, TokenWindows windows, long[] validation,
        EvaluationOptions evaluation, TrainingClock clock, IProgress<TrainingProgress>? progress)
    {
        // The warm-up batch has the timed one's shape: oneDNN compiles its kernels for each shape.
        int size = Math.Min(validation.Length, evaluation.BatchSize);
        long[] warmUp = validation[..size], probe = validation.Length >= 2 * size ? validation[size..(2 * size)] : warmUp;
        Evaluator.Score(predictor, windows, warmUp, evaluation);
        double started = clock.Elapsed;
        Evaluator.Score(predictor, windows, probe, evaluation, Report(progress, TrainingPhase.MeasuringScoring));
        clock.Scored(probe.Length, clock.Elapsed - started);

        var buffers = model.buffers().Select(buffer => buffer.clone().DetachFromDisposeScope()).ToList();
        model.train();
        recipe.BeginEpoch(0);
        int batches = Math.Min(recipe.BatchesPerEpoch, 1 + TimedBatches);
        int timed = Math.Max(1, batches - 1);
        if (batches > 1) Backward(model, recipe, 0);
        started = clock.Elapsed;
        for (int batch = batches - timed; batch < batches; batch++)
        {
            Backward(model, recipe, batch);
            progress?.Report(new TrainingProgress(TrainingPhase.MeasuringTraining) { Batch = batch + 1, Batches = batches });
        }
        clock.Trained(timed, clock.Elapsed - started);
        model.zero_grad();
        using (torch.no_grad())
        {
            foreach (var (buffer, saved) in model.buffers().Zip(buffers)) buffer.copy_(saved);
        }
        foreach (var saved in buffers) saved.Dispose();
    }

    private static void Backward(MusicModel model, ITrainingRecipe recipe, int batch)
    {
        using var scope = torch.NewDisposeScope();
        recipe.Loss(model, batch).backward();
    }

    private static IProgress<(int Batch, int Batches)>? Report(IProgress<TrainingProgress>? progress, TrainingPhase phase) =>
        progress is null ? null : new Runtime.CallbackProgress<(int Batch, int Batches)>(done =>
            progress.Report(new TrainingProgress(phase) { Batch = done.Batch, Batches = done.Batches }));
}

using Sonata.Dataset;
using Sonata.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>
/// Trains the performer (<see cref="PerformerLstm"/>) on how a corpus is played: stretches of
/// <see cref="PerformerOptions.Length"/> tokens drawn (seeded) from the training split's window
/// starts, each moved by a random interval of −5 to +6 semitones (as the networks' streams are
/// moved into random keys), Adam, gradient norm clipped at 5, until its steps are done or the time
/// it may spend is.
/// </summary>
public static class PerformerTraining
{
    private const double ClipNorm = 5;

    /// <summary>The trained performer, its steps and its last steps' mean loss (nats a token, velocity and tempo together).</summary>
    public sealed record Result(PerformerLstm Performer, int Steps, double Loss);

    /// <param name="corpus">Every token of the corpus, files concatenated, with its features and performance.</param>
    /// <param name="starts">Where training stretches may start (the training split's windows).</param>
    /// <param name="outOfTime">Asked before each step after the first: true stops training there.</param>
    /// <param name="progress">Hears of each step done (and how many there may be).</param>
    /// <returns>Null when no stretch of <see cref="PerformerOptions.Length"/> + 1 tokens starts at a training window (a corpus too small).</returns>
    public static Result? Train(PerformanceFeatures corpus, IReadOnlyList<long> starts, PerformerOptions options, long seed,
        Func<bool> outOfTime, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outOfTime);
        int length = options.Length;
        long[] usable = [.. starts.Where(s => s + length + 1 <= corpus.Count)];
        if (usable.Length == 0) return null;

        torch.manual_seed(seed);
        var performer = new PerformerLstm(options.HiddenSize);
        using var optimizer = torch.optim.Adam(performer.parameters(), options.LearningRate);
        var random = new Random(unchecked((int)seed * 17 + 3));
        double recent = 0;
        int done = 0;
        for (; done < options.Steps; done++)
        {
            if (done > 0 && outOfTime()) break;
            using var scope = torch.NewDisposeScope();
            var (inputs, velocities, tempos) = Batch(corpus, usable, options.BatchSize, length, random);
            optimizer.zero_grad();
            var loss = performer.Loss(inputs, velocities, tempos);
            loss.backward();
            nn.utils.clip_grad_norm_(performer.parameters(), ClipNorm);
            optimizer.step();
            double value = loss.item<float>();
            recent = done == 0 ? value : (0.95 * recent) + (0.05 * value);
            progress?.Report((done + 1, options.Steps));
        }
        performer.eval();
        return new Result(performer, done, recent);
    }

    /// <summary>
    /// The performer's mean loss on <see cref="PerformerOptions.BatchSize"/> stretches drawn (seeded)
    /// from <paramref name="starts"/>, unmoved; null where none fits.
    /// </summary>
    public static double? Loss(PerformerLstm performer, PerformanceFeatures corpus, IReadOnlyList<long> starts, PerformerOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(performer);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(options);
        long[] usable = [.. starts.Where(s => s + options.Length + 1 <= corpus.Count)];
        if (usable.Length == 0) return null;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (inputs, velocities, tempos) = Batch(corpus, usable, options.BatchSize, options.Length, new Random(unchecked((int)seed)), moved: false);
        return performer.Loss(inputs, velocities, tempos).item<float>();
    }

    /// <summary>B stretches: each token's features from p + 1 on, the previous token's performance from p, and the targets.</summary>
    private static (PerformerInputs Inputs, Tensor Velocities, Tensor Tempos) Batch(
        PerformanceFeatures corpus, long[] starts, int batchSize, int length, Random random, bool moved = true)
    {
        int n = batchSize * length;
        long[] top = new long[n], bottom = new long[n], notes = new long[n], steps = new long[n], durations = new long[n];
        long[] previousVelocities = new long[n], previousTempos = new long[n], velocities = new long[n], tempos = new long[n];
        for (int b = 0; b < batchSize; b++)
        {
            long start = starts[random.Next(starts.Length)];
            int shift = moved ? random.Next(-5, 7) : 0;
            for (int i = 0; i < length; i++)
            {
                int at = b * length + i, token = (int)start + 1 + i;
                top[at] = Math.Clamp(corpus.Top[token] + shift, 0, 127);
                bottom[at] = Math.Clamp(corpus.Bottom[token] + shift, 0, 127);
                notes[at] = corpus.Notes[token];
                steps[at] = corpus.Steps[token];
                durations[at] = corpus.Durations[token];
                previousVelocities[at] = corpus.Velocities[token - 1];
                previousTempos[at] = corpus.Tempos[token - 1];
                velocities[at] = corpus.Velocities[token];
                tempos[at] = Math.Min(corpus.Tempos[token], PerformanceClasses.TempoCount - 1);
            }
        }
        Tensor Shaped(long[] values) => torch.tensor(values).reshape(batchSize, length);
        return (new PerformerInputs(Shaped(top), Shaped(bottom), Shaped(notes), Shaped(steps), Shaped(durations),
            Shaped(previousVelocities), Shaped(previousTempos)), Shaped(velocities), Shaped(tempos));
    }
}

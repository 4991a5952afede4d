using Sonata.Dataset;
using Sonata.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Generation;

/// <summary>
/// Plays a piece with a trained performer: the primer's tokens as they were played (where known),
/// then each generated token's velocity and tempo drawn, seeded, from what the performer predicts
/// after the piece so far, as played so far; a token struck with the one before keeps its tempo.
/// </summary>
public sealed class PerformancePlayer(PerformerLstm performer)
{
    /// <summary>
    /// The performance of <paramref name="tokens"/> (with their step and duration classes), whose
    /// first <paramref name="primer"/>.Count tokens were played as it says (null: not known).
    /// </summary>
    public IReadOnlyList<Performed> Play(IReadOnlyList<string> tokens, IReadOnlyList<long> steps, IReadOnlyList<long> durations,
        IReadOnlyList<Performed>? primer, int primerLength, int seed)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var features = PerformanceFeatures.Of(tokens, steps, durations, null);
        var played = new List<Performed>(tokens.Count);
        var random = new Random(unchecked(seed * 7919 + 11));
        using var noGrad = torch.no_grad();
        (Tensor Hidden, Tensor Cell)? state = null;
        long previousVelocity = 0, previousTempo = PerformanceClasses.UnknownTempo;
        try
        {
            for (int i = 0; i < tokens.Count; i++)
            {
                using var scope = torch.NewDisposeScope();
                var inputs = new PerformerInputs(One(features.Top[i]), One(features.Bottom[i]), One(features.Notes[i]),
                    One(features.Steps[i]), One(features.Durations[i]), One(previousVelocity), One(previousTempo));
                var (velocities, tempos, next) = performer.Play(inputs, state);
                Release(state);
                state = (next.Hidden.MoveToOuterDisposeScope(), next.Cell.MoveToOuterDisposeScope());
                Performed now;
                if (i < primerLength && primer?[i] is { IsKnown: true } known)
                {
                    now = known;
                }
                else
                {
                    // The tempo belongs to a moment, not a token: tokens struck together share it.
                    int velocity = Math.Max(1, Draw(velocities, random));
                    int tempo = Draw(tempos, random);
                    now = new Performed(velocity, steps[i] == 0 && i > 0 ? played[^1].Tempo : PerformanceClasses.TempoOf(tempo));
                }
                played.Add(now);
                previousVelocity = PerformanceClasses.Velocity(now.Velocity);
                previousTempo = PerformanceClasses.Tempo(now.Tempo);
            }
        }
        finally
        {
            Release(state);
        }
        return played;
    }

    private static Tensor One(long value) => torch.tensor(new[] { value }).reshape(1, 1);

    private static void Release((Tensor Hidden, Tensor Cell)? state)
    {
        state?.Hidden.Dispose();
        state?.Cell.Dispose();
    }

    /// <summary>
    /// A class drawn from (1, 1, K) log-probabilities, as they are: a nucleus of 0.98 for the tempo
    /// (cutting the tail that makes its rare jumps) halved the changes of one run's pieces, below
    /// the corpus's range (docs/performance.md).
    /// </summary>
    private static int Draw(Tensor logProbabilities, Random random)
    {
        float[] p = logProbabilities.reshape(-1).exp().data<float>().ToArray();
        double u = random.NextDouble() * p.Sum(x => (double)x), run = 0;
        for (int k = 0; k < p.Length; k++)
        {
            run += p[k];
            if (u < run) return k;
        }
        return Array.FindLastIndex(p, x => x > 0);
    }
}

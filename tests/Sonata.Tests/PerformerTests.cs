using Sonata.Dataset;
using Sonata.Generation;
using Sonata.Training;

namespace Sonata.Tests;

/// <summary>The performer: it learns how a corpus is played, within its time, and plays pieces seeded, the primer as it was played.</summary>
[Collection(TorchCollection.Name)]
public sealed class PerformerTests
{
    private static readonly PerformerOptions Small = new() { Steps = 150, BatchSize = 16, Length = 32, HiddenSize = 24, LearningRate = 1e-2 };

    /// <summary>
    /// A corpus played by rule: high notes loud (velocity 30 + the top pitch's distance above C3),
    /// and each 512 tokens alternately at 60 and 150 BPM, so that the tempo is the previous token's.
    /// </summary>
    private static PerformanceFeatures RuledCorpus(int count, int seed)
    {
        var random = new Random(seed);
        string[] names = ["C3", "E3", "G3", "C4", "E4", "G4", "C5", "E5", "G5", "C6"];
        var tokens = Enumerable.Range(0, count).Select(_ => names[random.Next(names.Length)]).ToArray();
        var played = tokens.Select((t, i) => new Performed(30 + Sonata.Music.TokenPitches.Parse(t)[0] - 48, i / 512 % 2 == 0 ? 60 : 150)).ToArray();
        long[] steps = [.. tokens.Select(_ => 5L)], durations = [.. tokens.Select(_ => 5L)];
        return PerformanceFeatures.Of(tokens, steps, durations, played);
    }

    [Fact]
    public void It_learns_how_a_corpus_is_played_and_stops_when_its_time_is_spent()
    {
        var corpus = RuledCorpus(4000, seed: 1);
        long[] starts = [.. Enumerable.Range(0, 3800).Select(i => (long)i)];
        var first = PerformerTraining.Train(corpus, starts, Small with { Steps = 1 }, seed: 3, () => false)!;
        var trained = PerformerTraining.Train(corpus, starts, Small, seed: 3, () => false)!;
        using (first.Performer)
        using (trained.Performer)
        {
            Assert.Equal(150, trained.Steps);
            // An untrained velocity guess costs ln 128 = 4.9 nats, its tempo more (less than ln 192 = 5.3:
            // the tempo before is favoured from the start); the rules leave almost nothing to guess.
            Assert.True(first.Loss > 5, $"first step's loss {first.Loss}");
            Assert.True(trained.Loss < 3, $"trained loss {trained.Loss}");

            string[] tokens = ["C3", "G4", "C6", "E5", "C3", "C6"];
            var played = new PerformancePlayer(trained.Performer).Play(tokens, [.. tokens.Select(_ => 5L)], [.. tokens.Select(_ => 5L)],
                [new Performed(30, 150), new Performed(49, 150)], primerLength: 2, seed: 1);
            Assert.Equal([30, 49], played.Take(2).Select(p => p.Velocity));
            Assert.True(played[2].Velocity > played[4].Velocity + 20, $"C6 at {played[2].Velocity}, C3 at {played[4].Velocity}");
            Assert.All(played.Skip(2), p => Assert.InRange(p.Tempo, 110, 200));
        }

        int asked = 0;
        var cut = PerformerTraining.Train(corpus, starts, Small, seed: 3, () => ++asked > 4)!;
        using (cut.Performer) Assert.Equal(5, cut.Steps);
        Assert.Null(PerformerTraining.Train(RuledCorpus(20, 1), [0, 1], Small, seed: 3, () => false));
    }

    [Fact]
    public void The_same_seed_plays_the_same_and_another_seed_otherwise()
    {
        var corpus = RuledCorpus(600, seed: 2);
        var result = PerformerTraining.Train(corpus, [.. Enumerable.Range(0, 500).Select(i => (long)i)], Small with { Steps = 5 }, seed: 1, () => false)!;
        using var performer = result.Performer;
        string[] tokens = [.. Enumerable.Repeat("C4", 30)];
        long[] classes = [.. tokens.Select(_ => 5L)];
        var player = new PerformancePlayer(performer);
        var a = player.Play(tokens, classes, classes, null, primerLength: 0, seed: 4);
        Assert.Equal(a, player.Play(tokens, classes, classes, null, primerLength: 0, seed: 4));
        Assert.NotEqual(a, player.Play(tokens, classes, classes, null, primerLength: 0, seed: 5));
        Assert.All(a, p => Assert.InRange(p.Velocity, 1, 127));
        Assert.All(a, p => Assert.Contains(p.Tempo, Enumerable.Range(0, PerformanceClasses.TempoCount).Select(PerformanceClasses.TempoOf)));
    }
}

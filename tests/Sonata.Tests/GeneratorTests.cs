using Sonata.Prediction;
using Sonata.Runs;
using Sonata.Runtime;
using Sonata.Dataset;
using Sonata.Generation;
using Sonata.Tokenization;
using Sonata.Training;

namespace Sonata.Tests;

/// <summary>The generator's parts: the sampler, the primer from the test split, and the predictor in both context modes.</summary>
[Collection(TorchCollection.Name)]
public sealed class GeneratorTests(TinyRun run) : IClassFixture<TinyRun>
{
    private static readonly float[] LogProbabilities = [.. new[] { 0.05, 0.5, 0.3, 0.1, 0.05 }.Select(p => (float)Math.Log(p))];

    private static int[] Draws(SamplingOptions options, int seed, int count)
    {
        var sampler = new TokenSampler(options, seed);
        return [.. Enumerable.Range(0, count).Select(_ => sampler.Next(LogProbabilities))];
    }

    [Fact]
    public void Greedy_takes_the_likeliest_token_and_so_does_a_draw_among_one()
    {
        Assert.All(Draws(new SamplingOptions(), seed: 1, count: 5), id => Assert.Equal(1, id));
        Assert.All(Draws(new SamplingOptions { Strategy = SamplingStrategy.Sample, TopK = 1 }, 1, 50), id => Assert.Equal(1, id));
        Assert.All(Draws(new SamplingOptions { Strategy = SamplingStrategy.Sample, TopP = 0.4 }, 1, 50), id => Assert.Equal(1, id));
    }

    [Fact]
    public void Draws_repeat_with_the_seed_and_keep_to_top_k_and_top_p()
    {
        var sample = new SamplingOptions { Strategy = SamplingStrategy.Sample };
        Assert.Equal(Draws(sample, 9, 200), Draws(sample, 9, 200));
        Assert.NotEqual(Draws(sample, 9, 200), Draws(sample, 10, 200));
        Assert.Equal([0, 1, 2, 3, 4], Draws(sample, 9, 2000).Distinct().Order());
        Assert.Equal([1, 2], Draws(sample with { TopK = 2 }, 9, 500).Distinct().Order());
        Assert.Equal([1, 2], Draws(sample with { TopP = 0.8 }, 9, 500).Distinct().Order());   // 0.5 + 0.3 reach 0.8
        // A low temperature all but always picks the likeliest token.
        Assert.True(Draws(sample with { Temperature = 0.05 }, 9, 500).Count(id => id == 1) > 495);
    }

    [Fact]
    public void The_run_keeps_its_corpus_in_training_order()
    {
        var folder = new RunFolder(Path.Combine(run.Root, "order"));
        TokenizedFile[] events =
        [
            new("b.mid", [new("C4", 0, 0.5), new("D4", 0.5, 0.5), new("D4", 1, 1)]),
            new("a.mid", [new("E4", 0, 1.0 / 3), new("E4", 1.0 / 3, 1.0 / 3), new("E4", 2.0 / 3, 1)]),
            new("b.mid", [new("F4.A4", 0, 0.5), new("G4", 0.5, 0.5)]),
        ];
        var corpus = TrainingCorpus.Of(events);
        folder.WriteCorpus(corpus);

        Assert.Equal(corpus.Files, folder.ReadCorpusTokens().Select(f => (f.FileName, f.Tokens)).ToArray(), new FileComparer());
        Assert.Equal(new Dictionary<double, double> { [1.0 / 3] = 2, [0.5] = 3 }, folder.ReadCorpusSteps());
        Assert.Equal(events.SelectMany(f => f.Tokens), folder.ReadCorpusEvents()!.SelectMany(f => f.Tokens));
        Assert.Null(new RunFolder(Path.Combine(run.Root, "empty")).ReadCorpusSteps());
        Assert.Null(new RunFolder(Path.Combine(run.Root, "empty")).ReadCorpusEvents());
    }

    [Fact]
    public void The_primer_is_a_window_of_the_test_split()
    {
        var folder = new RunFolder(run.Folder);
        var config = JsonFilesRead(folder);
        var corpus = folder.ReadCorpusTokens();
        var vocabulary = Vocabulary.Load(folder.VocabularyFile);
        using var opened = TrainedRun.Open(run.Folder, new RunOpening { Device = DeviceChoice.Cpu });
        var window = opened.TestWindow(seed: 11);

        long[] ids = vocabulary.Encode(corpus);
        var split = DatasetSplit.RandomWindows(ids.Length - 100, config.Data, config.Training.Seed);
        var testWindows = split.Test.Select(start => string.Join(' ', ids[(int)start..(int)(start + 100)].Select(id => vocabulary.TokenOf((int)id))));
        Assert.Contains(string.Join(' ', window.Tokens), testWindows);
        Assert.Equal(window.Tokens, opened.TestWindow(seed: 11).Tokens);
    }

    [Fact]
    public void Window_and_stream_read_the_seed_alike_so_their_first_greedy_token_agrees()
    {
        using var opened = TrainedRun.Open(run.Folder, new RunOpening { Device = DeviceChoice.Cpu });
        var generator = new Generator(opened.Predictor, opened.Vocabulary, opened.ContextLength);
        var primer = opened.TestWindow(seed: 2);
        var seed = primer.Tokens;

        var window = generator.Generate(primer, GenerationOptions.Lab with { Length = 12, Context = ContextMode.Window });
        var stream = generator.Generate(primer, GenerationOptions.Lab with { Length = 12, Context = ContextMode.Stream });

        Assert.Equal(112, window.Tokens.Count);
        Assert.Equal(112, stream.Tokens.Count);
        Assert.Equal(seed, window.Tokens.Take(100));
        Assert.Equal(window.Tokens[100], stream.Tokens[100]);
        Assert.Equal(window.Tokens, generator.Generate(primer, GenerationOptions.Lab with { Length = 12 }).Tokens);
    }

    [Fact]
    public void Each_piece_of_one_generator_starts_from_a_zero_state_like_a_fresh_generators()
    {
        using var opened = TrainedRun.Open(run.Folder, new RunOpening { Device = DeviceChoice.Cpu });
        var options = new GenerationOptions { Length = 30, MaxCopy = null };
        var one = new Generator(opened.Predictor, opened.Vocabulary, opened.ContextLength);

        var first = one.Generate(opened.TestWindow(seed: 3), options with { Seed = 3 }).Tokens;
        var second = one.Generate(opened.TestWindow(seed: 4), options with { Seed = 4 }).Tokens;
        var again = one.Generate(opened.TestWindow(seed: 3), options with { Seed = 3 }).Tokens;
        var fresh = new Generator(opened.Predictor, opened.Vocabulary, opened.ContextLength)
            .Generate(opened.TestWindow(seed: 4), options with { Seed = 4 }).Tokens;

        Assert.Equal(first, again);
        Assert.Equal(fresh, second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void The_runs_memory_is_counted_again_so_that_with_all_the_weight_greedy_generation_follows_it()
    {
        using var byDefault = TrainedRun.Open(run.Folder, new RunOpening { Device = DeviceChoice.Cpu });
        // Without the context cache, which would blend in after the memory and steer both alike.
        using var memoryOnly = TrainedRun.Open(run.Folder, new RunOpening { Device = DeviceChoice.Cpu, MemoryWeight = 1, CacheWeight = 0 });
        using var networkOnly = TrainedRun.Open(run.Folder, new RunOpening { Device = DeviceChoice.Cpu, MemoryWeight = 0, CacheWeight = 0 });
        Assert.Equal(TrainingConfig.StreamsMemoryWeight, byDefault.Predictor.MemoryWeight);   // the streams recipe's default
        Assert.Equal(0, networkOnly.Predictor.MemoryWeight);
        Assert.Equal(0, networkOnly.Config.Memory.Weight);                                   // what it reports is what it uses
        var corpus = new RunFolder(run.Folder).ReadCorpusTokens();
        var seed = memoryOnly.TestWindow(seed: 4);

        var followed = new Generator(memoryOnly.Predictor, memoryOnly.Vocabulary, memoryOnly.ContextLength)
            .Generate(memoryOnly.TestWindow(seed: 4), GenerationOptions.Lab with { Length = 20 });

        var config = memoryOnly.Config;
        var data = CorpusData.Build(corpus, config.Data);
        var memory = NGramMemory.Build(
            TrainingTokens.From(data.Ids, data.Split(config.Data, config.Training.Seed).Train, config.Data.SequenceLength),
            data.Vocabulary.Count, config.Memory.Order);
        long[] ids = [.. followed.Tokens.Select(t => (long)memoryOnly.Vocabulary.IdOf(t))];
        var probabilities = new float[data.Vocabulary.Count];
        for (int i = 100; i < ids.Length; i++)
        {
            memory.Predict(ids.AsSpan(i - 100, 100), probabilities);
            Assert.Equal(Array.IndexOf(probabilities, probabilities.Max()), ids[i]);
        }
        Assert.NotEqual(followed.Tokens, new Generator(networkOnly.Predictor, networkOnly.Vocabulary, networkOnly.ContextLength)
            .Generate(networkOnly.TestWindow(seed: 4), GenerationOptions.Lab with { Length = 20 }).Tokens);
    }

    [Fact]
    public void A_copy_limit_keeps_the_generated_part_from_copying_longer_runs_of_the_training_pieces()
    {
        // With all the weight on the memory, greedy generation recites the training pieces.
        using var memoryOnly = TrainedRun.Open(run.Folder, new RunOpening { Device = DeviceChoice.Cpu, MemoryWeight = 1, CacheWeight = 0 });
        var copies = memoryOnly.Judging!.Verbatim;
        var generator = new Generator(memoryOnly.Predictor, memoryOnly.Vocabulary, memoryOnly.ContextLength, copies);
        var primer = memoryOnly.TestWindow(seed: 5);

        var free = generator.Generate(primer, GenerationOptions.Lab with { Length = 80 });
        var limited = generator.Generate(primer, GenerationOptions.Lab with { Length = 80, MaxCopy = 8 });

        Assert.True(copies.Find(free.Tokens, free.PrimerLength).Longest.Length > 8);
        Assert.InRange(copies.Find(limited.Tokens, limited.PrimerLength).Longest.Length, 1, 8);
        Assert.True(limited.CopiesRefused > 0);
        Assert.Equal(0, free.CopiesRefused);
        // Without the training pieces to look copies up in, no limit applies.
        var unknown = new Generator(memoryOnly.Predictor, memoryOnly.Vocabulary, memoryOnly.ContextLength)
            .Generate(primer, GenerationOptions.Lab with { Length = 80, MaxCopy = 8 });
        Assert.Equal(free.Tokens, unknown.Tokens);
        Assert.Equal(0, unknown.CopiesRefused);
    }

    private static TrainingConfig JsonFilesRead(RunFolder folder) => Sonata.IO.JsonFiles.Read<TrainingConfig>(folder.ConfigFile);

    private sealed class FileComparer : IEqualityComparer<(string, IReadOnlyList<string>)>
    {
        public bool Equals((string, IReadOnlyList<string>) x, (string, IReadOnlyList<string>) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((string, IReadOnlyList<string>) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}

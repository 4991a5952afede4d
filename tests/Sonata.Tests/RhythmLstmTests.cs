using Spectre.Console.Testing;
using Sonata.Dataset;
using Sonata.Generation;
using Sonata.Model;
using Sonata.Prediction;
using Sonata.Runs;
using Sonata.Runtime;
using Sonata.Tokenization;
using Sonata.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Tests;

/// <summary>The rhythm-aware network: reads timing, predicts step, then token, then duration; trains, scores and composes.</summary>
[Collection(TorchCollection.Name)]
public sealed class RhythmLstmTests : IDisposable
{
    private const int Vocabulary = 30;
    /// <summary>Hidden 32: at 16, libtorch's own AVX-512 LSTM is wrong on some processors (LstmCheck), and torch is compared with the stepper here.</summary>
    private static readonly ModelOptions Tiny = new() { EmbeddingSize = 8, HiddenSize = 32, Layers = 2, Network = NetworkKind.Rhythm };
    private readonly string _root = Directory.CreateTempSubdirectory("sonata-rhythm-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Contexts Random(int batch, int length, int seed)
    {
        var generator = new torch.Generator((ulong)seed);
        return new Contexts(
            torch.randint(Vocabulary, [batch, length], generator: generator),
            torch.randint(TimingClasses.Count, [batch, length], generator: generator),
            torch.randint(TimingClasses.Count, [batch, length], generator: generator));
    }

    [Fact]
    public void Its_token_distribution_sums_the_step_out_and_each_head_is_a_distribution()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var network = MusicModel.Create(Vocabulary, Tiny);
        network.eval();
        using var noGrad = torch.no_grad();

        var output = network.forward(Random(3, 5, seed: 2), null);
        var heads = output.Rhythm!;
        var steps = heads.Steps();                                                        // (3, S)
        var byHand = torch.zeros(3, Vocabulary);
        for (int s = 0; s < TimingClasses.Count; s++)
            byHand += steps[.., s].exp().unsqueeze(1) * heads.TokensGiven(torch.full(3, s, dtype: ScalarType.Int64)).exp();

        Assert.Equal([3L, Vocabulary], output.LogProbabilities.shape);
        Assert.True(output.LogProbabilities.exp().allclose(byHand, atol: 1e-5));
        Assert.True(steps.exp().sum(1).allclose(torch.ones(3), atol: 1e-5));
        var durations = heads.DurationsGiven(torch.tensor(new long[] { 0, 3, 5 }), torch.tensor(new long[] { 1, 2, 3 }));
        Assert.Equal([3L, TimingClasses.Count], durations.shape);
        Assert.True(durations.exp().sum(1).allclose(torch.ones(3), atol: 1e-5));
    }

    [Fact]
    public void It_learns_steps_tokens_and_durations_and_refuses_contexts_without_timing()
    {
        torch.manual_seed(4);
        using var network = MusicModel.Create(Vocabulary, Tiny);
        using var optimizer = torch.optim.RMSProp(network.parameters(), lr: 0.01);
        var inputs = Random(4, 12, seed: 5);
        var targets = Random(4, 12, seed: 6);
        double first = 0, last = 0;
        for (int step = 0; step < 60; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var (losses, _, _) = network.StepLosses(inputs, targets, null);              // (B·C)
            var loss = losses.mean();
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }

        Assert.True(last < first / 2, $"loss {first:F3} → {last:F3}");
        Assert.Throws<ArgumentException>(() => network.forward(inputs.Tokens, null));
    }

    [Fact]
    public void An_ensemble_of_rhythm_aware_networks_averages_their_heads()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        using var ensemble = MusicModel.Create(Vocabulary, Tiny with { Members = 2 });
        ensemble.eval();
        using var noGrad = torch.no_grad();
        var contexts = Random(2, 4, seed: 8);

        var steps = ensemble.forward(contexts, null).Rhythm!.Steps().exp();
        var mean = (ensemble.Members[0].forward(contexts, null).Rhythm!.Steps().exp() + ensemble.Members[1].forward(contexts, null).Rhythm!.Steps().exp()) / 2;

        Assert.True(steps.allclose(mean, atol: 1e-6));
    }

    [Fact]
    public async Task A_rhythm_aware_run_trains_on_midi_scores_its_steps_and_composes_with_its_own_timing()
    {
        var corpus = TrainingCorpus.Of(CorpusTokenizer.Tokenize(ExtractedCorpus.MozartFiles.Take(2).ToList()).Files);
        var folder = new RunFolder(Path.Combine(_root, "run"));
        var config = TrainingConfig.For(Recipe.Streams) with
        {
            TokenSource = "test",
            Model = Tiny with { Layers = 1 },
            Memory = new MemoryOptions(),
            Performer = new PerformerOptions { Steps = 3 },
            Training = new TrainingOptions { Epochs = 1, MaxBatchesPerEpoch = 3, MaxEvalBatches = 2, Threads = 1, Device = DeviceChoice.Cpu },
        };
        var summary = new Trainer(config).Run(corpus, folder, resume: false, progress: null, default);
        Assert.InRange(summary.TestAccuracy!.Value, 0, 1);
        Assert.InRange(summary.TestStepAccuracy!.Value, 0, 1);
        Assert.NotNull(Checkpoint.ReadHeader(folder.CheckpointFile(1)).History[0].ValStepAccuracy);
        Assert.True(File.Exists(folder.CorpusEventsFile));

        using var run = TrainedRun.Open(folder.Path, new RunOpening { Device = DeviceChoice.Cpu, Threads = 1 });
        using var windows = new TokenWindows(run.Corpus.Ids, run.ContextLength, run.Corpus.Timing);
        var score = Evaluator.Score(run.Predictor, windows, run.Split.Validation[..64], new EvaluationOptions());
        Assert.InRange(score.StepAccuracy!.Value, 0, 1);

        var generator = new Sonata.Generation.Generator(run.Predictor, run.Vocabulary, run.ContextLength);
        var primer = run.TestWindow(seed: 3);
        var sample = new GenerationOptions { Length = 40, Context = ContextMode.Window, Sampling = new SamplingOptions { Strategy = SamplingStrategy.Sample }, Seed = 9 };
        var window = generator.Generate(primer, sample);
        var stream = generator.Generate(primer, sample with { Context = ContextMode.Stream });

        Assert.Equal(140, window.Tokens.Count);
        Assert.All(window.Steps!, step => Assert.Contains(step, TimingClasses.Values));
        Assert.All(window.Durations!, duration => Assert.Contains(duration, TimingClasses.Values));
        Assert.Equal(window.Tokens[100], stream.Tokens[100]);                  // both read the same primer from zeros first
        Assert.Equal(window.Steps![100], stream.Steps![100]);
        Assert.Equal(window.Tokens, generator.Generate(primer, sample).Tokens);   // the same seed, the same piece

        string midi = Path.Combine(_root, "timed.mid");
        var written = await Sonata.Pieces.PieceWriter.WriteAsync(window.Tokens, window.PrimerLength, new Sonata.Pieces.PieceFiles(midi),
            new Sonata.Pieces.PieceOptions { Offsets = null }, (window.Steps!, window.Durations!));
        Assert.True(written.ReadsBackTheSame, "the timed piece reads back as other tokens");
    }

    [Fact]
    public async Task Sonata_train_s_default_network_is_rhythm_aware_and_generate_writes_its_rhythm()
    {
        var console = new TestConsole().Width(300);
        string run = Path.Combine(_root, "cli");
        string sonata = ExtractedCorpus.MozartFiles[3];
        int code = await Sonata.Cli.SonataApp.RunAsync(
            ["train", "--performer-steps", "3", "--data", sonata, "--out", run, "--epochs", "1", "--embedding", "8", "--hidden", "16", "--layers", "1",
             "--max-batches", "2", "--max-eval-batches", "1", "--threads", "1", "--device", "cpu"], console, corpusOptions: TinyRun.Options(_root));
        Assert.True(code == 0, console.Output);
        Assert.Equal(NetworkKind.Rhythm, Sonata.IO.JsonFiles.Read<TrainingConfig>(Path.Combine(run, "config.json")).Model.Network);

        console = new TestConsole().Width(300);
        string midi = Path.Combine(_root, "cli.mid");
        code = await Sonata.Cli.SonataApp.RunAsync(["generate", "--run", run, "--seed", "3", "--length", "60", "--out", midi, "--threads", "1", "--device", "cpu"],
            console, corpusOptions: TinyRun.Options(_root));

        Assert.True(code == 0, console.Output);
        Assert.Contains("context stream", console.Output);
        Assert.Contains("strategy sample (temperature 0.75); the model's own steps and durations", console.Output);
        Assert.Contains("at most 16 tokens in a row", console.Output);
        Assert.Contains("context cache: what the piece so far repeats takes up to 0.7 of each prediction", console.Output);
        Assert.DoesNotContain("key pull", console.Output);
        Assert.Contains("reads back as the same 160 tokens", console.Output);
        var record = Sonata.Runs.PieceRecord.ReadFor(midi)!;
        Assert.Equal((3, 0.0, 16, null, 0.7), (record.Seed, record.MemoryWeight, record.MaxCopy!.Value, record.KeyPull, record.CacheWeight));
        var onsets = Music21Tokenizer.TokenizeFile(midi).Select(e => e.Offset).Distinct().ToList();
        Assert.True(onsets.Count < 160, "every token at its own onset: the rhythm is not the model's");
    }
}

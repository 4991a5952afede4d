using System.Globalization;
using Spectre.Console.Testing;
using Sonata.Dataset;
using Sonata.Generation;
using Sonata.Model;
using Sonata.Model.Stepping;
using Sonata.Runs;
using Sonata.Runtime;
using Sonata.Tokenization;
using Sonata.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Tests;

/// <summary>The attending network: causal, the same at any window length, a distribution in each head; trains, scores and composes.</summary>
[Collection(TorchCollection.Name)]
public sealed class RhythmTransformerTests : IDisposable
{
    private const int Vocabulary = 30;
    private static readonly ModelOptions Tiny = new() { HiddenSize = 16, Layers = 2, AttentionHeads = 2, Network = NetworkKind.Transformer };
    private readonly string _root = Directory.CreateTempSubdirectory("sonata-transformer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Contexts Random(int batch, int length, int seed)
    {
        var generator = new torch.Generator((ulong)seed);
        return new Contexts(
            torch.randint(Vocabulary, [batch, length], generator: generator),
            torch.randint(TimingClasses.Count, [batch, length], generator: generator),
            torch.randint(TimingClasses.Count, [batch, length], generator: generator));
    }

    private static Contexts First(Contexts contexts, int length) =>
        new(contexts.Tokens[.., ..length], contexts.Steps![.., ..length], contexts.Durations![.., ..length]);

    [Fact]
    public void No_position_reads_what_comes_after_it_and_a_shorter_window_reads_alike()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var network = MusicModel.Create(Vocabulary, Tiny);
        network.eval();
        using var noGrad = torch.no_grad();
        var inputs = Random(2, 9, seed: 2);
        var targets = Random(2, 9, seed: 3);

        var whole = network.StepLosses(inputs, targets, null).Losses.reshape(2, 9);                    // (B, C)
        var prefix = network.StepLosses(First(inputs, 5), First(targets, 5), null).Losses.reshape(2, 5);
        var changedLater = new Contexts(inputs.Tokens.clone(), inputs.Steps, inputs.Durations);
        changedLater.Tokens[.., 6] = (changedLater.Tokens[.., 6] + 1) % Vocabulary;
        var afterChange = network.StepLosses(changedLater, targets, null).Losses.reshape(2, 9);

        Assert.True(whole[.., ..5].allclose(prefix, atol: 1e-5), "a position's prediction changed with the window's length");
        Assert.True(whole[.., ..6].allclose(afterChange[.., ..6], atol: 1e-6), "a position read a token after it");
        Assert.False(whole[.., 6..].allclose(afterChange[.., 6..], atol: 1e-6));
    }

    [Fact]
    public void Its_token_distribution_sums_the_step_out_and_each_head_is_a_distribution()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        using var network = MusicModel.Create(Vocabulary, Tiny);
        network.eval();
        using var noGrad = torch.no_grad();

        var output = network.forward(Random(3, 6, seed: 5), null);
        var heads = output.Rhythm!;
        var steps = heads.Steps();                                                                     // (3, S)
        var byHand = torch.zeros(3, Vocabulary);
        for (int s = 0; s < TimingClasses.Count; s++)
            byHand += steps[.., s].exp().unsqueeze(1) * heads.TokensGiven(torch.full(3, s, dtype: ScalarType.Int64)).exp();

        Assert.True(output.LogProbabilities.exp().allclose(byHand, atol: 1e-5));
        Assert.True(output.LogProbabilities.exp().sum(1).allclose(torch.ones(3), atol: 1e-5));
        var durations = heads.DurationsGiven(torch.tensor(new long[] { 0, 3, 5 }), torch.tensor(new long[] { 1, 2, 3 }));
        Assert.True(durations.exp().sum(1).allclose(torch.ones(3), atol: 1e-5));
        Assert.Throws<ArgumentException>(() => network.forward(Random(1, 4, seed: 6).Tokens, null));
    }

    [Fact]
    public void It_learns_steps_tokens_and_durations()
    {
        torch.manual_seed(7);
        using var network = MusicModel.Create(Vocabulary, Tiny);
        using var optimizer = torch.optim.AdamW(network.parameters(), lr: 0.01);
        var inputs = Random(4, 12, seed: 8);
        var targets = Random(4, 12, seed: 9);
        double first = 0, last = 0;
        for (int step = 0; step < 80; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = network.StepLosses(inputs, targets, null).Losses.mean();
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }

        Assert.True(last < first / 2, $"loss {first:F3} → {last:F3}");
    }

    [Fact]
    public void Read_a_token_at_a_time_it_predicts_what_the_network_predicts_from_the_last_window()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(10);
        using var network = MusicModel.Create(Vocabulary, Tiny);
        var events = Random(1, 7, seed: 11);
        const int window = 4;
        var stepper = NetworkStepper.For(network, window);
        for (int i = 0; i < 7; i++) stepper.Read(events.Tokens[0, i].item<long>(), events.Steps![0, i].item<long>(), events.Durations![0, i].item<long>());
        var tokens = new float[Vocabulary];
        var given = new float[Vocabulary];
        var durations = new float[TimingClasses.Count];
        stepper.Tokens(tokens);
        stepper.TokensGiven(3, given);
        stepper.DurationsGiven(3, 5, durations);

        network.eval();
        using var noGrad = torch.no_grad();
        var last = new Contexts(events.Tokens[.., 3..], events.Steps![.., 3..], events.Durations![.., 3..]);   // the last 4
        var output = network.forward(last, null);
        Assert.True(torch.tensor(tokens).allclose(output.LogProbabilities[0], atol: 1e-5));
        Assert.True(torch.tensor(given).allclose(output.Rhythm!.TokensGiven(torch.tensor(new long[] { 3 }))[0], atol: 1e-5));
        Assert.True(torch.tensor(durations).allclose(output.Rhythm!.DurationsGiven(torch.tensor(new long[] { 3 }), torch.tensor(new long[] { 5 }))[0], atol: 1e-5));
        stepper.Reset();
        Assert.Throws<InvalidOperationException>(() => stepper.Tokens(tokens));
    }

    [Theory]
    [InlineData(SplitKind.Pieces, true, 1)]
    [InlineData(SplitKind.Windows, false, 2)]
    public void Stretches_train_on_training_labels_only_each_once_an_epoch(SplitKind kind, bool transpose, int members)
    {
        var options = new DataOptions { Split = kind, Transpose = transpose };
        var corpus = CorpusData.Build(ReferenceTokens.Files, options);
        var split = corpus.Split(options, seed: 42);
        int length = options.SequenceLength;
        var trainLabels = split.Train.Select(s => s + length).ToHashSet();
        var heldOutLabels = split.Validation.Concat(split.Test).Select(s => s + length).ToHashSet();
        var tokens = TrainingTokens.From(corpus.Ids, split.Train, length);
        using var recipe = new StretchesRecipe(tokens, timing: null, length, batchSize: 32, transpose ? corpus.TranspositionTable() : null, torch.CPU, members);

        recipe.BeginEpoch(1);
        var targets = Enumerable.Range(0, recipe.BatchesPerEpoch).SelectMany(recipe.TargetPositions).Select(p => tokens.Positions[p]).ToList();

        Assert.All(targets, position => Assert.Contains(position, trainLabels));
        Assert.DoesNotContain(targets, heldOutLabels.Contains);
        // Each member reads each label at most once an epoch, and nearly all of them (an epoch drops
        // the stretches of the last partial batch, and what lies before the offset).
        Assert.All(targets.CountBy(p => p), label => Assert.InRange(label.Value, 1, members));
        Assert.InRange(targets.Distinct().Count(), 0.9 * trainLabels.Count, trainLabels.Count);
    }

    [Fact]
    public async Task Two_epochs_straight_equal_one_epoch_and_a_resumed_one()
    {
        // A warm-up longer than an epoch (2 batches) and AdamW's moments: the resumed run must know both.
        string[] Args(string run, int epochs) =>
            ["train", "--performer-steps", "3", "--data", ExtractedCorpus.MozartFiles[3], "--out", run, "--network", "transformer", "--epochs", epochs.ToString(CultureInfo.InvariantCulture),
             "--hidden", "16", "--heads", "2", "--layers", "1", "--warmup", "3", "--max-batches", "2", "--max-eval-batches", "1", "--threads", "1", "--device", "cpu", "--seed", "5"];
        string straight = Path.Combine(_root, "straight"), resumed = Path.Combine(_root, "resumed");
        foreach (var args in new[] { Args(straight, 2), Args(resumed, 1), [.. Args(resumed, 2), "--resume"] })
        {
            var console = new TestConsole().Width(300);
            Assert.True(await Sonata.Cli.SonataApp.RunAsync(args, console, corpusOptions: TinyRun.Options(_root)) == 0, console.Output);
        }

        var once = Sonata.IO.JsonFiles.Read<TrainingSummary>(Path.Combine(straight, "summary.json"));
        var twice = Sonata.IO.JsonFiles.Read<TrainingSummary>(Path.Combine(resumed, "summary.json"));
        Assert.Equal(2, twice.Epochs);
        Assert.NotNull(once.ValLoss);
        Assert.Equal(once.ValLoss, twice.ValLoss);
        Assert.Equal(once.TestLoss, twice.TestLoss);
    }

    [Fact]
    public async Task A_width_the_default_heads_do_not_divide_is_one_line_naming_both()
    {
        var console = new TestConsole().Width(300);
        int code = await Sonata.Cli.SonataApp.RunAsync(
            ["train", "--performer-steps", "3", "--data", ExtractedCorpus.MozartFiles[3], "--out", Path.Combine(_root, "odd"), "--network", "transformer", "--hidden", "18",
             "--epochs", "1", "--max-batches", "1", "--threads", "1", "--device", "cpu"], console, corpusOptions: TinyRun.Options(_root));

        Assert.Equal(1, code);
        Assert.Contains("--heads 4 does not divide --hidden 18", console.Output);
        Assert.DoesNotContain("bug", console.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_attending_run_trains_on_midi_with_sonata_train_scores_and_composes()
    {
        var console = new TestConsole().Width(300);
        string run = Path.Combine(_root, "cli");
        string sonata = ExtractedCorpus.MozartFiles[3];
        int code = await Sonata.Cli.SonataApp.RunAsync(
            ["train", "--performer-steps", "3", "--data", sonata, "--out", run, "--network", "transformer", "--epochs", "1", "--hidden", "16", "--heads", "2", "--layers", "1",
             "--max-batches", "2", "--max-eval-batches", "1", "--threads", "1", "--device", "cpu"], console, corpusOptions: TinyRun.Options(_root));
        Assert.True(code == 0, console.Output);
        var config = Sonata.IO.JsonFiles.Read<TrainingConfig>(Path.Combine(run, "config.json"));
        Assert.Equal((NetworkKind.Transformer, Recipe.Stretches, OptimizerKind.AdamW), (config.Model.Network, config.Recipe, config.Training.Optimizer));

        using var opened = TrainedRun.Open(run, new RunOpening { Device = DeviceChoice.Cpu, Threads = 1 });
        var generator = new Sonata.Generation.Generator(opened.Predictor, opened.Vocabulary, opened.ContextLength);
        var primer = opened.TestWindow(seed: 3);
        var sample = new GenerationOptions { Length = 30, Context = ContextMode.Window, Seed = 9 };
        var window = generator.Generate(primer, sample);
        var stream = generator.Generate(primer, sample with { Context = ContextMode.Stream });

        Assert.Equal(opened.ContextLength + 30, window.Tokens.Count);
        Assert.Equal(window.Tokens, stream.Tokens);            // an attending network holds no state: both read the last window
        Assert.Equal(window.Steps, stream.Steps);

        string midi = Path.Combine(_root, "cli.mid");
        console = new TestConsole().Width(300);
        code = await Sonata.Cli.SonataApp.RunAsync(["generate", "--run", run, "--seed", "3", "--length", "40", "--out", midi, "--threads", "1", "--device", "cpu"],
            console, corpusOptions: TinyRun.Options(_root));
        Assert.True(code == 0, console.Output);
        Assert.Contains("reads back as the same 140 tokens", console.Output);
        Assert.Contains("an attending network reads the last 100 tokens at each new one", console.Output);
        Assert.True(Music21Tokenizer.TokenizeFile(midi).Select(e => e.Offset).Distinct().Count() < 140, "every token at its own onset: the rhythm is not the model's");
    }
}

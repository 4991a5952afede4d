using Sonata.Generation;
using Generator = Sonata.Generation.Generator;
using Sonata.Model;
using Sonata.Runs;
using Sonata.Runtime;
using Sonata.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Tests;

/// <summary>An ensemble averages its members' probabilities, carries their states, trains, resumes and composes.</summary>
[Collection(TorchCollection.Name)]
public sealed class MusicEnsembleTests : IDisposable
{
    private static readonly ModelOptions Three = new() { EmbeddingSize = 8, HiddenSize = 16, Layers = 2, Members = 3 };
    private readonly string _root = Directory.CreateTempSubdirectory("sonata-ensemble-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_ensemble_predicts_the_mean_of_its_members_probabilities_and_carries_each_state()
    {
        torch.manual_seed(5);
        using var model = MusicModel.Create(40, Three);
        model.eval();
        Assert.IsType<MusicEnsemble>(model);
        Assert.Equal(3, model.Members.Count);
        using var scope = torch.NewDisposeScope();
        var first = torch.randint(40, [4, 7], dtype: ScalarType.Int64);              // (B, L)
        var second = torch.randint(40, [4, 5], dtype: ScalarType.Int64);

        var (logProbabilities, hidden, cell) = model.forward(first, null);            // (B, V); (M·layers, B, H)
        Assert.Equal(new long[] { 6, 4, 16 }, hidden.shape);
        Assert.Equal(new long[] { 6, 4, 16 }, cell.shape);
        var (next, _, _) = model.forward(second, (hidden, cell));

        var expectedFirst = torch.zeros(4, 40);
        var expectedNext = torch.zeros(4, 40);
        foreach (var member in model.Members)
        {
            var (own, h, c) = member.forward(first, null);
            expectedFirst += own.exp() / 3;
            expectedNext += member.forward(second, (h, c)).LogProbabilities.exp() / 3;
        }
        Assert.True(logProbabilities.exp().allclose(expectedFirst, rtol: 1e-5, atol: 1e-6));
        Assert.True(next.exp().allclose(expectedNext, rtol: 1e-5, atol: 1e-6));
        Assert.True(logProbabilities.exp().sum(1).allclose(torch.ones(4), atol: 1e-5));
        // The members start from their own weights, so they disagree.
        Assert.False(model.Members[0].parameters().First().allclose(model.Members[1].parameters().First()));
        Assert.Contains("members.2.output.weight", model.state_dict().Keys);
        Assert.Equal(3 * model.Members[0].state_dict().Count, model.state_dict().Count);
    }

    [Fact]
    public void A_single_network_keeps_the_lab_s_weight_names()
    {
        using var model = MusicModel.Create(40, Three with { Members = 1 });
        Assert.IsType<MusicLstm>(model);
        Assert.Contains("output_norm.running_mean", model.state_dict().Keys);
        Assert.DoesNotContain(model.state_dict().Keys, name => name.StartsWith("members", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ensemble_run_trains_refuses_another_member_count_and_composes()
    {
        var folder = new RunFolder(Path.Combine(_root, "run"));
        var config = TrainerTests.Tiny(epochs: 1, recipe: Recipe.Streams) with { Model = TrainerTests.Tiny(1).Model with { Members = 2 } };
        var summary = new Trainer(config).Run(ReferenceTokens.Corpus, folder, resume: false, progress: null, default);
        Assert.InRange(summary.TestAccuracy!.Value, 0, 1);

        var single = config with { Model = config.Model with { Members = 1 }, Training = config.Training with { Epochs = 2 } };
        var refused = Assert.Throws<CheckpointMismatchException>(() => new Trainer(single).Run(ReferenceTokens.Corpus, folder, resume: true, progress: null, default));
        Assert.Contains("2 members", refused.Message);

        using var run = TrainedRun.Open(folder.Path, new RunOpening { Device = DeviceChoice.Cpu });
        var generator = new Generator(run.Predictor, run.Vocabulary, run.ContextLength);
        var seed = run.TestWindow(seed: 3);
        var window = generator.Generate(seed, GenerationOptions.Lab with { Length = 6, Context = ContextMode.Window });
        var stream = generator.Generate(seed, GenerationOptions.Lab with { Length = 6, Context = ContextMode.Stream });
        Assert.Equal(106, window.Tokens.Count);
        Assert.Equal(window.Tokens[100], stream.Tokens[100]);   // both read the same 100 tokens from zeros first
    }
}

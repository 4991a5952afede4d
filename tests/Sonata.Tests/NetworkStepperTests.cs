using Sonata.Dataset;
using Sonata.Model;
using Sonata.Model.Stepping;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Tests;

/// <summary>The plain C# stepper of a trained model gives what torch gives in eval mode, token after token.</summary>
[Collection(TorchCollection.Name)]
public sealed class NetworkStepperTests
{
    private const int Vocabulary = 25;

    /// <summary>A model whose BatchNorm statistics are no longer the identity: a few batches seen in training mode.</summary>
    private static MusicModel Trained(ModelOptions options)
    {
        torch.manual_seed(11);
        var model = MusicModel.Create(Vocabulary, options);
        model.train();
        using (torch.no_grad())
        {
            for (int i = 0; i < 5; i++)
            {
                using var scope = torch.NewDisposeScope();
                model.forward(Contexts(8, 6, seed: i), null);
            }
        }
        model.eval();
        return model;
    }

    private static Contexts Contexts(int batch, int length, int seed)
    {
        var generator = new torch.Generator((ulong)seed + 100);
        return new Contexts(torch.randint(Vocabulary, [batch, length], generator: generator),
            torch.randint(TimingClasses.Count, [batch, length], generator: generator),
            torch.randint(TimingClasses.Count, [batch, length], generator: generator));
    }

    private static void AssertClose(Tensor expected, float[] actual) =>
        Assert.True(expected.select(0, 0).allclose(torch.tensor(actual), atol: 1e-4), $"{expected.select(0, 0).max().item<float>()} vs {actual.Max()}");

    [Theory]
    [InlineData(NetworkKind.Lab, 1)]
    [InlineData(NetworkKind.Lab, 3)]
    [InlineData(NetworkKind.Rhythm, 1)]
    [InlineData(NetworkKind.Rhythm, 2)]
    public void It_reads_token_by_token_what_torch_reads_as_one_window(NetworkKind network, int members)
    {
        // Hidden 32: at 16, libtorch's own AVX-512 LSTM is wrong on some processors (LstmCheck).
        using var model = Trained(new ModelOptions { EmbeddingSize = 8, HiddenSize = 32, Layers = 2, Network = network, Members = members });
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var contexts = Contexts(1, 7, seed: 42);
        var stepper = NetworkStepper.For(model, contextLength: 100);
        long[] tokens = contexts.Tokens.data<long>().ToArray(), steps = contexts.Steps!.data<long>().ToArray(), durations = contexts.Durations!.data<long>().ToArray();
        for (int i = 0; i < tokens.Length; i++) stepper.Read(tokens[i], steps[i], durations[i]);

        var output = model.forward(network == NetworkKind.Rhythm ? contexts : contexts.Tokens, null);
        var scores = new float[Vocabulary];
        stepper.Tokens(scores);
        AssertClose(output.LogProbabilities, scores);
        if (network == NetworkKind.Lab) return;

        var stepScores = new float[TimingClasses.Count];
        stepper.Steps(stepScores);
        AssertClose(output.Rhythm!.Steps(), stepScores);
        stepper.TokensGiven(5, scores);
        AssertClose(output.Rhythm.TokensGiven(torch.tensor(new long[] { 5 })), scores);
        stepper.DurationsGiven(5, 3, stepScores);
        AssertClose(output.Rhythm.DurationsGiven(torch.tensor(new long[] { 5 }), torch.tensor(new long[] { 3 })), stepScores);
    }
}

using Sonata.Prediction;
using Sonata.Dataset;
using Sonata.Model;
using Sonata.Training;
using TorchSharp;

namespace Sonata.Tests;

/// <summary>How a split is scored: the lab's windows, each read from a zero state.</summary>
[Collection(TorchCollection.Name)]
public sealed class EvaluatorTests
{
    [Fact]
    public void A_score_does_not_depend_on_the_batch_size_or_the_order_of_the_windows()
    {
        var data = new DataOptions { SequenceLength = 4 };   // short windows: a carried state would show
        var corpus = CorpusData.Build(ReferenceTokens.Files.Take(2).ToList(), data);
        using var windows = new TokenWindows(corpus.Ids, data.SequenceLength);
        var split = corpus.Split(data, seed: 42);
        torch.manual_seed(3);
        using var model = MusicModel.Create(corpus.Vocabulary.Count, new ModelOptions { EmbeddingSize = 8, HiddenSize = 16, Layers = 2 });
        using (var recipe = new LabRecipe(windows, split.Train, 64, torch.CPU))
        using (var optimizer = torch.optim.RMSProp(model.parameters(), lr: 0.01))
        {
            recipe.BeginEpoch(1);
            for (int batch = 0; batch < 40; batch++) TrainingStep.Run(model, optimizer, recipe, batch, clipNorm: 5);
        }
        long[] scored = split.Validation[..150];

        var predictor = new Predictor(model, memory: null, torch.CPU);
        var by32 = Evaluator.Score(predictor, windows, scored, new EvaluationOptions { BatchSize = 32 });
        var by7 = Evaluator.Score(predictor, windows, scored, new EvaluationOptions { BatchSize = 7 });
        var reversed = Evaluator.Score(predictor, windows, [.. scored.Reverse()], new EvaluationOptions { BatchSize = 32 });

        Assert.Equal(by32.Accuracy, by7.Accuracy);
        Assert.Equal(by32.Accuracy, reversed.Accuracy);
        Assert.Equal(by32.Loss, by7.Loss, 1e-5);
        Assert.Equal(by32.Loss, reversed.Loss, 1e-5);
    }
}

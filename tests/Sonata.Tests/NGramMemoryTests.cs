using Sonata.Dataset;
using Sonata.Model;
using Sonata.Prediction;
using Sonata.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Tests;

/// <summary>The n-gram memory counts training labels only, within one stretch, and blends as documented.</summary>
[Collection(TorchCollection.Name)]
public sealed class NGramMemoryTests
{
    private const int Vocabulary = 10;

    // Every position a label, in one stretch, except where a test says otherwise.
    private static TrainingTokens Tokens(long[] ids, bool[]? isTarget = null, long[]? positions = null) =>
        new(ids, isTarget ?? [.. ids.Select(_ => true)], positions ?? [.. Enumerable.Range(0, ids.Length).Select(p => (long)p)]);

    private static float[] Predict(NGramMemory memory, params long[] context)
    {
        var probabilities = new float[memory.VocabularySize];
        memory.Predict(context, probabilities);
        return probabilities;
    }

    [Fact]
    public void A_context_seen_in_training_predicts_what_followed_it_and_the_probabilities_sum_to_one()
    {
        var memory = NGramMemory.Build(Tokens([1, 2, 3, 4, 5, 1, 2, 3, 4, 6, 1, 2, 3, 4, 5]), Vocabulary, order: 4);

        float[] afterFour = Predict(memory, 9, 2, 3, 4);     // "2 3 4" was followed by 5 twice and 6 once
        Assert.Equal(1.0, afterFour.Sum(), 5);
        Assert.Equal(5, Array.IndexOf(afterFour, afterFour.Max()));
        Assert.True(afterFour[5] > afterFour[6] && afterFour[6] > afterFour[7]);

        float[] unseen = Predict(memory, 8, 8, 8, 8);         // no context matches: the label counts alone
        Assert.Equal(1.0, unseen.Sum(), 5);
        Assert.True(unseen[1] > unseen[9]);
    }

    [Fact]
    public void A_token_that_is_not_a_training_label_is_never_counted()
    {
        long[] ids = [1, 2, 3, 7, 1, 2, 3, 8];
        bool[] isTarget = [true, true, true, true, true, true, true, false];   // 8 is a held-out label
        var memory = NGramMemory.Build(Tokens(ids, isTarget), Vocabulary, order: 3);

        float[] afterThree = Predict(memory, 1, 2, 3);
        Assert.Equal(afterThree[9], afterThree[8]);           // 8 gets what a token never seen gets
        Assert.True(afterThree[7] > 0.5f);
    }

    [Fact]
    public void A_context_never_spans_two_stretches_of_the_corpus()
    {
        long[] ids = [1, 2, 3, 4];
        long[] positions = [0, 1, 50, 51];                    // "1 2" and "3 4" lie apart in the corpus
        var joined = NGramMemory.Build(Tokens(ids), Vocabulary, order: 3);
        var apart = NGramMemory.Build(Tokens(ids, positions: positions), Vocabulary, order: 3);

        Assert.True(Predict(joined, 1, 2)[3] > Predict(apart, 1, 2)[3]);
        Assert.Equal(Predict(apart, 0, 0)[3], Predict(apart, 1, 2)[3]);   // after "1 2" only the unigram knows 3
        Assert.True(apart.ContextCount < joined.ContextCount);
    }

    [Theory]
    [InlineData(SplitKind.Windows)]
    [InlineData(SplitKind.Pieces)]
    public void A_runs_memory_counts_each_training_label_of_the_corpus_once_and_nothing_else(SplitKind kind)
    {
        var options = new DataOptions { Split = kind };
        var corpus = CorpusData.Build(ReferenceTokens.Files, options);
        var split = corpus.Split(options, seed: 42);
        using var networks = MusicModel.Create(corpus.Vocabulary.Count, new ModelOptions { EmbeddingSize = 4, HiddenSize = 4, Layers = 1 });

        using var predictor = Predictor.ForSplit(networks, corpus, split, options.SequenceLength, new MemoryOptions { Weight = 0.5 }, torch.CPU);

        var blend = predictor.Memory;
        Assert.NotNull(blend);
        Assert.Equal(0.5, blend.Weight);
        Assert.Equal(split.Train.Length, blend.Memory.LabelCount);     // the empty context saw every training label once
        Assert.Equal(corpus.Vocabulary.Count, blend.Memory.VocabularySize);
        Assert.Null(Predictor.ForSplit(networks, corpus, split, options.SequenceLength, new MemoryOptions(), torch.CPU).Memory);
    }

    [Fact]
    public void Blending_mixes_the_probabilities_and_its_ends_are_the_network_and_the_memory()
    {
        var memory = NGramMemory.Build(Tokens([1, 2, 3, 1, 2, 4, 1, 2, 3]), Vocabulary, order: 2);
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var inputs = torch.tensor(new long[] { 5, 1, 2, 0, 0, 9 }, [2, 3]);                 // (B, L)
        var network = torch.randn(2, Vocabulary).log_softmax(1);   // (B, V)
        var memoryProbabilities = memory.Predict(inputs);                                 // (B, V)

        Assert.True(new MemoryBlend(memory, 0).Apply(network, inputs).allclose(network, atol: 1e-6));
        Assert.True(new MemoryBlend(memory, 1).Apply(network, inputs).exp().allclose(memoryProbabilities, atol: 1e-6));
        var half = new MemoryBlend(memory, 0.5).Apply(network, inputs).exp();
        Assert.True(half.allclose(network.exp().add(memoryProbabilities).div(2), atol: 1e-6));
        Assert.Equal(3, memoryProbabilities[0].argmax().item<long>());
        Assert.Throws<ArgumentOutOfRangeException>(() => { new MemoryBlend(memory, 1.5).Apply(network, inputs); });
    }

    [Fact]
    public void With_a_half_context_the_memorys_share_follows_what_it_saw_of_the_context()
    {
        var memory = NGramMemory.Build(Tokens([1, 2, 3, 1, 2, 4, 1, 2, 3]), Vocabulary, order: 2);
        var blend = new MemoryBlend(memory, 0.6, HalfContext: 1);
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        var inputs = torch.tensor(new long[] { 5, 1, 2, 0, 0, 9 }, [2, 3]);     // "…1 2" was seen; "…0 9" never
        var network = torch.randn(2, Vocabulary).log_softmax(1);

        Assert.Equal(2, memory.LongestSeenContext([5, 1, 2]));
        Assert.Equal(0.6 * 2 / 3, blend.ShareAfter([5, 1, 2]), 9);
        Assert.Equal(0, blend.ShareAfter([0, 0, 9]));
        var blended = blend.Apply(network, inputs).exp();
        var expected = network[0].exp().mul(1 - 0.4).add(memory.Predict(inputs)[0].mul(0.4));
        Assert.True(blended[0].allclose(expected, atol: 1e-6));
        Assert.True(blended[1].allclose(network[1].exp(), atol: 1e-6));        // nothing seen: the network alone
    }
}

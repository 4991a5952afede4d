using Sonata.Dataset;
using TorchSharp;

namespace Sonata.Tests;

/// <summary>Vocabulary, windows, split and batches on the real corpus's tokens (the lab's Problem 2).</summary>
[Collection(TorchCollection.Name)]
public class DatasetTests
{
    private static readonly DataOptions Lab = new();

    [Fact]
    public void The_vocabulary_numbers_668_tokens_in_order_of_first_appearance()
    {
        var vocabulary = Vocabulary.Build(ReferenceTokens.Files);
        Assert.Equal(668, vocabulary.Count);
        Assert.Equal(0, vocabulary.IdOf("E4.G4"));   // the first token of piano_sonata_279.mid
        Assert.Equal(1, vocabulary.IdOf("C3"));
        Assert.Equal(114_208, vocabulary.Encode(ReferenceTokens.Files).Length);
    }

    [Fact]
    public void The_vocabulary_survives_vocab_json()
    {
        var vocabulary = Vocabulary.Build(ReferenceTokens.Files);
        string file = Path.Combine(Path.GetTempPath(), $"sonata-vocab-{Guid.NewGuid():N}.json");
        try
        {
            vocabulary.Save(file);
            var loaded = Vocabulary.Load(file);
            Assert.True(loaded.SameAs(vocabulary));
            Assert.Equal(vocabulary.Fingerprint, loaded.Fingerprint);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_corpus_makes_624_training_and_535_validation_and_test_batches()
    {
        var vocabulary = Vocabulary.Build(ReferenceTokens.Files);
        using var windows = new TokenWindows(vocabulary.Encode(ReferenceTokens.Files), Lab.SequenceLength);
        var split = DatasetSplit.RandomWindows(windows.Count, Lab, seed: 42);

        Assert.Equal(114_108, windows.Count);
        Assert.Equal(79_875, split.Train.Length);
        Assert.Equal(17_116, split.Validation.Length);
        Assert.Equal(17_117, split.Test.Length);
        Assert.Equal(windows.Count, split.Train.Concat(split.Validation).Concat(split.Test).Distinct().Count());

        Assert.Equal(624, WindowBatches.Shuffled(split.Train, Lab.TrainBatchSize, shuffleSeed: 1).Count);
        Assert.Equal(535, WindowBatches.InOrder(split.Validation, Lab.EvalBatchSize).Count);
        Assert.Equal(535, WindowBatches.InOrder(split.Test, Lab.EvalBatchSize).Count);
        Assert.Equal(624, WindowBatches.TrainBatchCount(split.Train.Length, Lab.TrainBatchSize));
        Assert.Equal(535, WindowBatches.EvalBatchCount(split.Test.Length, Lab.EvalBatchSize));
    }

    [Fact]
    public void The_split_and_shuffles_follow_their_seeds()
    {
        var first = DatasetSplit.RandomWindows(1000, Lab, seed: 7);
        Assert.Equal(first.Train, DatasetSplit.RandomWindows(1000, Lab, seed: 7).Train);
        Assert.NotEqual(first.Train, DatasetSplit.RandomWindows(1000, Lab, seed: 8).Train);

        var epoch = WindowBatches.Shuffled(first.Train, 128, shuffleSeed: 3);
        Assert.Equal(epoch, WindowBatches.Shuffled(first.Train, 128, shuffleSeed: 3));
        Assert.NotEqual(epoch[0], WindowBatches.Shuffled(first.Train, 128, shuffleSeed: 4)[0]);
    }

    [Fact]
    public void A_window_is_100_tokens_and_its_label_the_next()
    {
        long[] ids = Enumerable.Range(0, 300).Select(i => (long)(i * 7 % 13)).ToArray();
        using var windows = new TokenWindows(ids, sequenceLength: 100);
        using var scope = torch.NewDisposeScope();
        var (contexts, labels, labelSteps) = windows.Batch([5, 199], torch.CPU);
        var inputs = contexts.Tokens;
        Assert.Equal([2L, 100L], inputs.shape);
        Assert.Equal(ids[5..105], inputs[0].data<long>().ToArray());
        Assert.Equal(ids[199..299], inputs[1].data<long>().ToArray());
        Assert.Equal([ids[105], ids[299]], labels.data<long>().ToArray());
        Assert.False(contexts.HasTiming);
        Assert.Null(labelSteps);
    }

    [Fact]
    public void With_the_corpus_s_timing_a_window_brings_each_token_s_step_and_duration_and_its_label_s_step()
    {
        long[] ids = Enumerable.Range(0, 300).Select(i => (long)(i % 13)).ToArray();
        var timing = new CorpusTiming([.. ids.Select(i => i % 12)], [.. ids.Select(i => (i + 1) % 12)]);
        using var windows = new TokenWindows(ids, sequenceLength: 100, timing);
        using var scope = torch.NewDisposeScope();
        var (contexts, _, labelSteps) = windows.Batch([5, 199], torch.CPU);
        Assert.Equal(timing.Steps[5..105], contexts.Steps!.select(0, 0).data<long>().ToArray());
        Assert.Equal(timing.Durations[199..299], contexts.Durations!.select(0, 1).data<long>().ToArray());
        Assert.Equal([timing.Steps[105], timing.Steps[299]], labelSteps!.data<long>().ToArray());
    }

    [Fact]
    public void Timing_classes_are_the_nearest_of_the_corpus_s_usual_steps_and_durations()
    {
        Assert.Equal(12, TimingClasses.Count);
        // Steps 0 (the first, from the start), 1/4, 1/12, 1/2, 1, 11/12 (→ 1), 5/4 (a tie: → 1), 3, 3.
        Assert.Equal([0L, 3, 1, 5, 8, 8, 8, 11, 11], TimingClasses.Steps([0, 0.25, 1.0 / 3, 0.5 + 1.0 / 3, 1.5 + 1.0 / 3, 2.75, 4.0, 7.0, 10.0]));
        Assert.Equal(4, TimingClasses.Of(5.0 / 12));   // as far from 1/3 as from 1/2: the shorter
        Assert.Equal(0, TimingClasses.Of(-3));          // a part starting again
        Assert.Equal([1L, 3, 11], TimingClasses.Durations([0, 0.25, 6]));
    }
}

using Sonata.Dataset;
using Sonata.Training;
using TorchSharp;

namespace Sonata.Tests;

/// <summary>The streams recipe's honesty (its targets are training labels only), the split by pieces and transposition.</summary>
[Collection(TorchCollection.Name)]
public sealed class StreamsRecipeTests
{
    [Theory]
    [InlineData(SplitKind.Windows, false, 1)]
    [InlineData(SplitKind.Pieces, true, 1)]
    [InlineData(SplitKind.Windows, false, 2)]
    public void No_validation_or_test_label_is_ever_a_training_target(SplitKind kind, bool transpose, int members)
    {
        var options = new DataOptions { Split = kind, Transpose = transpose };
        var corpus = CorpusData.Build(ReferenceTokens.Files, options);
        var split = corpus.Split(options, seed: 42);
        int length = options.SequenceLength;
        var trainLabels = split.Train.Select(s => s + length).ToHashSet();
        var heldOutLabels = split.Validation.Concat(split.Test).Select(s => s + length).ToHashSet();
        Assert.NotEmpty(heldOutLabels);

        var tokens = TrainingTokens.From(corpus.Ids, split.Train, length);
        using var recipe = new StreamsRecipe(
            tokens, length, new StreamsOptions(), transpose ? corpus.TranspositionTable() : null, torch.CPU, members);
        var targets = new HashSet<long>();
        foreach (long epochSeed in new long[] { 1, 2 })
        {
            recipe.BeginEpoch(epochSeed);
            for (int batch = 0; batch < recipe.BatchesPerEpoch; batch++)
            {
                foreach (long position in recipe.TargetPositions(batch))
                {
                    long corpusPosition = tokens.Positions[position];
                    Assert.Contains(corpusPosition, trainLabels);
                    Assert.DoesNotContain(corpusPosition, heldOutLabels);
                    // The L tokens before the target are its training window's, unchanged.
                    Assert.Equal(corpusPosition - length, tokens.Positions[position - length]);
                    targets.Add(corpusPosition);
                }
            }
        }
        // Two epochs reach nearly every training label: a pass skips only the first L tokens of
        // each stream (64 × 100 of ~95,000), and the passes start at different offsets.
        Assert.InRange(targets.Count, 0.9 * trainLabels.Count, trainLabels.Count);
    }

    [Fact]
    public void A_split_by_pieces_holds_out_whole_files()
    {
        var options = new DataOptions { Split = SplitKind.Pieces };
        int[] lengths = ReferenceTokens.Files.Select(f => f.Tokens.Count).ToArray();
        var split = DatasetSplit.Make(lengths, options, seed: 42);
        long[] fileStarts = lengths.Select((_, i) => lengths.Take(i).Sum(n => (long)n)).ToArray();
        int FileOf(long position) => Array.FindLastIndex(fileStarts, start => start <= position);
        var validationFiles = split.Validation.Select(s => FileOf(s + 100)).ToHashSet();
        var testFiles = split.Test.Select(s => FileOf(s + 100)).ToHashSet();
        var trainFiles = split.Train.SelectMany(s => new[] { FileOf(s), FileOf(s + 100) }).ToHashSet();

        Assert.Equal(2, validationFiles.Count);
        Assert.Equal(2, testFiles.Count);
        Assert.Empty(trainFiles.Intersect(validationFiles.Union(testFiles)));
        Assert.Empty(split.Validation.Select(FileOf).Except(validationFiles));
        Assert.Empty(split.Test.Select(FileOf).Except(testFiles));
        Assert.Equal(split.Validation, DatasetSplit.Make(lengths, options, seed: 42).Validation);
        Assert.NotEqual(split.Validation, DatasetSplit.Make(lengths, options, seed: 43).Validation);
    }

    [Fact]
    public void Transposition_moves_every_pitch_and_grows_the_vocabulary_deterministically()
    {
        Assert.Equal("F5", Transpositions.Shift("E-5", 2));
        Assert.Equal("C3.C4", Transpositions.Shift("B2.B3", 1));
        Assert.Equal("A3.F#3", Transpositions.Shift("C4.E-4", -6));                 // sorted again, as music21 names a chord
        Assert.Equal(Transpositions.Shift("E4.G#4.B4", 3), Transpositions.Shift(Transpositions.Shift("E4.G#4.B4", 1)!, 2));
        Assert.Null(Transpositions.Shift("G9", 1));

        var corpus = Vocabulary.Build(ReferenceTokens.Files);
        var grown = CorpusData.Build(ReferenceTokens.Files, new DataOptions { Transpose = true });
        Assert.Equal(corpus.Tokens, grown.Vocabulary.Tokens.Take(corpus.Count));
        Assert.Equal(corpus.Count, grown.CorpusTokenCount);
        Assert.InRange(grown.Vocabulary.Count, 2 * corpus.Count, Transpositions.Count * corpus.Count);     // 668 → 1,781
        // Every moved chord is named as music21 names chords, so a piece of them reads back as written.
        Assert.All(grown.Vocabulary.Tokens, token => Assert.Equal(string.Join('.', token.Split('.').Order(StringComparer.Ordinal)), token));
        Assert.True(grown.Vocabulary.SameAs(CorpusData.Build(ReferenceTokens.Files, new DataOptions { Transpose = true }).Vocabulary));

        long[] table = grown.TranspositionTable();
        int id = corpus.IdOf("E4.G4");
        Assert.Equal(id, table[(0 - Transpositions.Lowest) * corpus.Count + id]);
        Assert.Equal("F4.G#4", grown.Vocabulary.TokenOf((int)table[(1 - Transpositions.Lowest) * corpus.Count + id]));
    }
}

using System.Text.Json;
using Sonata.Tokenization;

namespace Sonata.Tests;

/// <summary>Sonata's tokens against music21 8.1.0's, token for token, for every file of the corpus.</summary>
public class TokenizerReferenceTests
{
    private static readonly Lazy<Dictionary<string, List<string>>> Reference = new(() =>
        JsonSerializer.Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(
            Path.Combine(SharedData.ReferenceFolder, "mozart_sonatas.music21-8.1.0.tokens.json")))!);

    public static TheoryData<string> FileNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Reference.Value.Keys.Order(StringComparer.Ordinal))
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Every_file_has_music21s_tokens_with_the_same_counts(string fileName)
    {
        var expected = Reference.Value[fileName];
        var actual = Tokenize(fileName);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Tokens_come_in_music21s_order(string fileName)
    {
        var expected = Reference.Value[fileName];
        var actual = Tokenize(fileName);
        int firstDifference = Enumerable.Range(0, Math.Min(expected.Count, actual.Count))
            .FirstOrDefault(i => expected[i] != actual[i], -1);
        bool same = firstDifference < 0 && expected.Count == actual.Count;
        if (same)
            return;
        int at = firstDifference < 0 ? Math.Min(expected.Count, actual.Count) : firstDifference;
        string Around(List<string> list) => string.Join(" ", list.Skip(Math.Max(0, at - 3)).Take(8));
        Assert.Fail($"{fileName}: {actual.Count} tokens, music21 has {expected.Count}; first difference at {at}:\n"
            + $"  music21: {Around(expected)}\n  sonata:  {Around(actual)}");
    }

    [Fact]
    public void The_corpus_has_the_labs_totals()
    {
        var tokens = ExtractedCorpus.MozartFiles.SelectMany(p => Music21Tokenizer.TokenizeFile(p)).ToList();
        Assert.Equal(114_208, tokens.Count);
        Assert.Equal(668, tokens.Select(t => t.Token).Distinct().Count());
    }

    private static List<string> Tokenize(string fileName) =>
        Music21Tokenizer.TokenizeFile(ExtractedCorpus.MozartFiles.Single(p => Path.GetFileName(p) == fileName))
            .Select(t => t.Token).ToList();
}

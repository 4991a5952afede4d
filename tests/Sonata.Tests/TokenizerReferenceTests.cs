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
    public void Tokens_match_music21_for(string fileName)
    {
        string path = ExtractedCorpus.MozartFiles.Single(p => Path.GetFileName(p) == fileName);
        var expected = Reference.Value[fileName];
        var actual = Music21Tokenizer.TokenizeFile(path).Select(t => t.Token).ToList();

        int firstDifference = Enumerable.Range(0, Math.Min(expected.Count, actual.Count))
            .FirstOrDefault(i => expected[i] != actual[i], -1);
        if (firstDifference < 0 && expected.Count == actual.Count)
            return;
        int at = firstDifference < 0 ? Math.Min(expected.Count, actual.Count) : firstDifference;
        string Around(List<string> list) => string.Join(" ", list.Skip(Math.Max(0, at - 3)).Take(8));
        Assert.Fail($"{fileName}: {actual.Count} tokens, music21 has {expected.Count}; first difference at {at}:\n"
            + $"  music21: {Around(expected)}\n  sonata:  {Around(actual)}");
    }
}

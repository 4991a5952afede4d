using System.Text.Json;

namespace Sonata.Tokens;

/// <summary>
/// Reads a tokens file: one JSON object mapping each MIDI file's name to its token list, as in
/// <c>mozart_sonatas.music21-8.1.0.tokens.json</c>. Files come back in ordinal order of their
/// names, the corpus order.
/// </summary>
public static class TokensJsonFile
{
    public static IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> Read(string path)
    {
        using var stream = File.OpenRead(path);
        var byFile = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(stream)
            ?? throw new InvalidDataException($"{path} holds no JSON object");
        return byFile
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (pair.Key, (IReadOnlyList<string>)pair.Value))
            .ToList();
    }
}

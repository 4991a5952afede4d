using System.Text.Json;
using Sonata.IO;

namespace Sonata.Tokenization;

/// <summary>
/// Reads and writes a tokens file: one JSON object mapping each MIDI file's key (its name, or its
/// path in a nested corpus: <see cref="Corpus.CorpusFiles.KeysOf"/>) to its token list, as in
/// <c>mozart_sonatas.music21-8.1.0.tokens.json</c>.
/// </summary>
public static class TokensJsonFile
{
    /// <summary>The files in ordinal order of their keys: the order in which their corpus is read.</summary>
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

    /// <summary>
    /// The files in the order they were written (<see cref="Write"/>), which is the order a run
    /// concatenated them in; in a file written before keys were paths, a name may appear more than
    /// once (same-named files in subfolders).
    /// </summary>
    public static IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> ReadInWrittenOrder(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path} holds no JSON object");
        return document.RootElement.EnumerateObject()
            .Select(file => (file.Name, (IReadOnlyList<string>)file.Value.EnumerateArray().Select(t => t.GetString()
                ?? throw new InvalidDataException($"{path}: a token of {file.Name} is not a string")).ToList()))
            .ToList();
    }

    /// <summary>Writes the files in the given order (atomically).</summary>
    public static void Write(string path, IEnumerable<(string FileName, IReadOnlyList<string> Tokens)> files) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartObject();
            foreach (var (fileName, tokens) in files)
            {
                writer.WriteStartArray(fileName);
                foreach (string token in tokens) writer.WriteStringValue(token);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        });
}

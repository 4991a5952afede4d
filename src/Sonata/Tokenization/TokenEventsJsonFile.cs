using System.Text.Json;
using Sonata.IO;

namespace Sonata.Tokenization;

/// <summary>
/// Reads and writes files of tokens with their offsets and durations, in the shape of
/// <c>mozart_sonatas.music21-8.1.0.offsets.json</c>: <c>{"file": [["E-5", 12.5, 0.25], …], …}</c>,
/// files in the order written; a token whose performance is known has its velocity and tempo
/// after its duration (<c>["E-5", 12.5, 0.25, 71, 126.3]</c>).
/// </summary>
public static class TokenEventsJsonFile
{
    public static void Write(string path, IEnumerable<TokenizedFile> files) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartObject();
            foreach (var file in files)
            {
                writer.WriteStartArray(file.Key);
                foreach (var e in file.Tokens)
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(e.Token);
                    writer.WriteNumberValue(e.Offset);
                    writer.WriteNumberValue(e.Duration);
                    if (e.Velocity > 0)
                    {
                        writer.WriteNumberValue(e.Velocity);
                        writer.WriteNumberValue(Math.Round(e.Tempo, 3));
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        });

    /// <exception cref="InvalidDataException">The file is not of that shape.</exception>
    public static IReadOnlyList<TokenizedFile> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path} holds no JSON object");
        try
        {
            return [.. document.RootElement.EnumerateObject().Select(file => new TokenizedFile(file.Name,
                [.. file.Value.EnumerateArray().Select(Event)]))];
        }
        catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"{path}: every token is [token, offset, duration] or [token, offset, duration, velocity, tempo] ({e.Message})");
        }
    }

    private static TokenEvent Event(JsonElement e) =>
        new(e[0].GetString()!, e[1].GetDouble(), e[2].GetDouble())
        {
            Velocity = e.GetArrayLength() >= 5 ? e[3].GetInt32() : 0,
            Tempo = e.GetArrayLength() >= 5 ? e[4].GetDouble() : 0,
        };
}

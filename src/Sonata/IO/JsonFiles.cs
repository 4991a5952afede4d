using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sonata.IO;

/// <summary>The project's JSON: snake_case names, enums as strings, indented; written atomically.</summary>
public static class JsonFiles
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"JSON holds no {typeof(T).Name}");

    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, Serialize(value) + "\n");

    public static T Read<T>(string path) => Deserialize<T>(File.ReadAllText(path));
}

using System.Text.Json.Nodes;
using Sonata.IO;

namespace Sonata.Training;

/// <summary>
/// The options two configs train differently with, named as config.json names them: what a
/// resumed run must not change. How long a run goes on (epochs, time budget, patience, target),
/// where it runs (threads, device), how much of each split it scores, and where its tokens were
/// read from may change; anything else would make the resumed run another run.
/// </summary>
public static class ConfigDifferences
{
    private static readonly string[] MayChange =
    [
        "token_source", "training.epochs", "training.minutes", "training.patience", "training.target_accuracy",
        "training.threads", "training.device", "training.max_eval_batches", "training.validation_windows",
        "training.test_windows", "training.keep_checkpoints",
    ];

    /// <summary>"training.learning_rate 0.001 → 0.002" for each option that differs from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyList<string> Between(TrainingConfig before, TrainingConfig after)
    {
        var old = Flatten(JsonNode.Parse(JsonFiles.Serialize(before))!);
        var now = Flatten(JsonNode.Parse(JsonFiles.Serialize(after))!);
        return [.. old.Keys.Union(now.Keys).Where(key => !MayChange.Contains(key)).Order(StringComparer.Ordinal)
            .Where(key => old.GetValueOrDefault(key) != now.GetValueOrDefault(key))
            .Select(key => $"{key} {old.GetValueOrDefault(key) ?? "(none)"} → {now.GetValueOrDefault(key) ?? "(none)"}")];
    }

    private static Dictionary<string, string?> Flatten(JsonNode node)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Walk(JsonNode? value, string path)
        {
            if (value is JsonObject obj)
                foreach (var (name, child) in obj) Walk(child, path.Length == 0 ? name : $"{path}.{name}");
            else
                values[path] = value?.ToJsonString() ?? "null";
        }
        Walk(node, "");
        return values;
    }
}

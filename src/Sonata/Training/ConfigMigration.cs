using System.Text.Json.Nodes;

namespace Sonata.Training;

/// <summary>
/// Brings a config written by an earlier Sonata (config.json, a checkpoint's header) to today's
/// shape, so that existing run folders still load as they were trained: before the streams
/// recipe there was no <c>recipe</c> (the lab's); the memory's options lived in <c>model</c>
/// (<c>memory_weight</c>, <c>memory_order</c>), and before the memory there was none.
/// </summary>
internal static class ConfigMigration
{
    public static void Apply(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.TryAdd("recipe", "lab");
        var model = config["model"] as JsonObject;
        if (!config.ContainsKey("memory"))
        {
            config["memory"] = new JsonObject
            {
                ["weight"] = model?["memory_weight"]?.DeepClone() ?? 0,
                ["order"] = model?["memory_order"]?.DeepClone() ?? 12,
            };
        }
        model?.Remove("memory_weight");
        model?.Remove("memory_order");
    }
}

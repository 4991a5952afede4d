using Sonata.Cli.Help;
using Sonata.Generation;
using Sonata.Pieces;
using Sonata.Runs;

namespace Sonata.Cli.Commands.Generate;

/// <summary>
/// What each option of <c>sonata generate</c> defaults to: read from the library's records, the
/// default way to compose and, where it differs, the lab's (<see cref="GenerationOptions.Lab"/>,
/// <see cref="PieceOptions.For"/>).
/// </summary>
public sealed class GenerateDefaults : IOptionDefaults
{
    private static readonly CompositionRequest Request = new();
    private static readonly RunOpening Opening = new();
    /// <summary>What a piece is played with when --velocity and --tempo are not given.</summary>
    public static readonly string PerformersVelocity = $"the performer's ({ComposerOptions.DefaultVelocity} without one)",
        PerformersTempo = $"the performer's ({ComposerOptions.DefaultTempoBpm} without one)";

    private static readonly Dictionary<string, Func<GenerationOptions, object>> PerWay = new()
    {
        [nameof(GenerateCommand.Settings.Length)] = g => g.Length,
        [nameof(GenerateCommand.Settings.Context)] = g => g.Context,
        [nameof(GenerateCommand.Settings.Strategy)] = g => g.Sampling.Strategy,
        [nameof(GenerateCommand.Settings.Temperature)] = g => g.Sampling.Temperature,
        [nameof(GenerateCommand.Settings.TopK)] = g => g.Sampling.TopK as object ?? "all tokens",
        [nameof(GenerateCommand.Settings.TopP)] = g => g.Sampling.TopP as object ?? "all tokens",
        [nameof(GenerateCommand.Settings.MemoryWeight)] = g => g.MemoryWeight as object ?? "the run's own",
        [nameof(GenerateCommand.Settings.CacheWeight)] = g => g.CacheWeight as object ?? "the run's own",
        [nameof(GenerateCommand.Settings.MaxCopy)] = g => g.MaxCopy ?? 0,
        [nameof(GenerateCommand.Settings.KeyPull)] = g => g.KeyPull ?? 1,
    };

    public static string Of(string property) => property switch
    {
        nameof(GenerateCommand.Settings.Count) => DefaultText.Of(Request.Count),
        nameof(GenerateCommand.Settings.Out) => Request.Files.Midi,
        nameof(GenerateCommand.Settings.Velocity) => PerformersVelocity,
        nameof(GenerateCommand.Settings.Tempo) => PerformersTempo,
        nameof(GenerateCommand.Settings.Threads) => Opening.Threads is { } threads ? DefaultText.Of(threads) : "all cores",
        nameof(GenerateCommand.Settings.Device) => DefaultText.Of(Opening.Device),
        nameof(GenerateCommand.Settings.Offsets) => DefaultText.WithLab(Offsets(lab: false), Offsets(lab: true)),
        _ when PerWay.TryGetValue(property, out var read) =>
            DefaultText.WithLab(DefaultText.Of(read(GenerationOptions.For(lab: false))), DefaultText.Of(read(GenerationOptions.For(lab: true)))),
        _ => throw new ArgumentOutOfRangeException(nameof(property), property, "no default known for this option"),
    };

    /// <summary>"model, or 0.5 for a network without timing": the offsets for a rhythm-aware run and for the lab's network.</summary>
    private static string Offsets(bool lab)
    {
        string timed = GenerateCommand.Settings.OffsetsName(PieceOptions.For(timedModel: true, lab).Offsets);
        string untimed = GenerateCommand.Settings.OffsetsName(PieceOptions.For(timedModel: false, lab).Offsets);
        return timed == untimed ? timed : $"{timed}, or {untimed} for a network without timing";
    }
}

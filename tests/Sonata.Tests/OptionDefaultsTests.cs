using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Sonata.Cli;
using Sonata.Cli.Commands.Generate;
using Sonata.Cli.Commands.Train;
using Sonata.Generation;
using Sonata.Pieces;
using Sonata.Runs;
using Sonata.Training;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>
/// Every option's default, as <c>--help</c> prints it, is the library's record's: the default way's
/// and, where it differs, the lab's ("Default: 100 (lab: 30)"). Every option is either listed here
/// with the record field it defaults to, or listed as having no default, and then shows none.
/// </summary>
public sealed partial class OptionDefaultsTests
{
    private static readonly TrainingConfig Streams = new();
    private static readonly TrainingConfig LabRecipe = TrainingConfig.For(Recipe.Lab);
    private static readonly TrainingConfig Attending = TrainingConfig.For(Recipe.Stretches);

    private static readonly Dictionary<string, Func<TrainingConfig, object?>> TrainFields = new()
    {
        ["--epochs"] = c => c.Training.Epochs,
        ["--minutes"] = c => c.Training.Minutes ?? (object)"none",
        ["--patience"] = c => c.Training.Patience ?? 0,
        ["--validation-windows"] = c => c.Training.ValidationWindows ?? 0,
        ["--test-windows"] = c => c.Training.TestWindows ?? 0,
        ["--keep-checkpoints"] = c => c.Training.KeepCheckpoints,
        ["--target-accuracy"] = c => c.Training.TargetAccuracy ?? (object)"none",
        ["--network"] = c => c.Model.Network,
        ["--split"] = c => c.Data.Split,
        ["--val-pieces"] = c => c.Data.ValidationPieces,
        ["--test-pieces"] = c => c.Data.TestPieces,
        ["--sequence-length"] = c => c.Data.SequenceLength,
        ["--embedding"] = c => c.Model.EmbeddingSize,
        ["--hidden"] = c => c.Model.HiddenSize,
        ["--layers"] = c => c.Model.Layers,
        ["--dropout"] = c => c.Model.Dropout,
        ["--members"] = c => c.Model.Members,
        ["--memory-weight"] = c => c.Memory.Weight,
        ["--memory-order"] = c => c.Memory.Order,
        ["--memory-half-context"] = c => c.Memory.HalfContext,
        ["--cache-weight"] = c => c.Memory.CacheWeight,
        ["--cache-half-match"] = c => c.Memory.CacheHalfMatch,
        ["--streams"] = c => c.Streams.Streams,
        ["--chunk-length"] = c => c.Streams.ChunkLength,
        ["--passes"] = c => c.Recipe == Recipe.Stretches ? c.Stretches.PassesPerEpoch : c.Streams.PassesPerEpoch,
        ["--batch-size"] = c => c.Stretches.BatchSize,
        ["--heads"] = c => c.Model.AttentionHeads,
        ["--transpose"] = c => c.Data.Transpose,
        ["--optimizer"] = c => c.Training.Optimizer.ToString().ToLowerInvariant(),
        ["--warmup"] = c => c.Training.WarmupBatches,
        ["--seed"] = c => c.Training.Seed,
        ["--lr"] = c => c.Training.LearningRate,
        ["--lr-decay"] = c => c.Training.LearningRateDecay,
        ["--weight-decay"] = c => c.Training.WeightDecay,
        ["--threads"] = c => c.Training.Threads ?? (object)"all cores",
        ["--device"] = c => c.Training.Device,
        ["--performer-steps"] = c => c.Performer.Steps,
        ["--max-batches"] = c => c.Training.MaxBatchesPerEpoch ?? (object)"all",
        ["--max-eval-batches"] = c => c.Training.MaxEvalBatches ?? (object)"all",
        ["--recipe"] = _ => Streams.Recipe,
        ["--out"] = _ => $"runs/<{RunFolder.NewFolderStamp}>",
        ["--budget-from"] = _ => "when training starts",
        ["--budget-reserve"] = _ => JobBudget.None.ReserveSeconds,
    };

    private static readonly string[] TrainWithoutDefault = ["--data", "--skip-bad", "--tokens", "--resume", "--no-transpose", "--dry-run"];

    private static readonly Dictionary<string, Func<GenerationOptions, object?>> GenerateFields = new()
    {
        ["--length"] = g => g.Length,
        ["--context"] = g => g.Context,
        ["--strategy"] = g => g.Sampling.Strategy,
        ["--temperature"] = g => g.Sampling.Temperature,
        ["--top-k"] = g => g.Sampling.TopK ?? (object)"all tokens",
        ["--top-p"] = g => g.Sampling.TopP ?? (object)"all tokens",
        ["--memory-weight"] = g => g.MemoryWeight ?? (object)"the run's own",
        ["--cache-weight"] = g => g.CacheWeight ?? (object)"the run's own",
        ["--max-copy"] = g => g.MaxCopy ?? 0,
        ["--key-pull"] = g => g.KeyPull ?? 1,
        ["--count"] = _ => new CompositionRequest().Count,
        ["--out"] = _ => new CompositionRequest().Files.Midi,
        ["--velocity"] = _ => $"the performer's ({ComposerOptions.DefaultVelocity} without one)",
        ["--tempo"] = _ => $"the performer's ({ComposerOptions.DefaultTempoBpm} without one)",
        ["--threads"] = _ => new RunOpening().Threads ?? (object)"all cores",
        ["--device"] = _ => new RunOpening().Device,
    };

    private static readonly string[] GenerateWithoutDefault =
        ["--run", "--checkpoint", "--epoch", "--seed", "--lab", "--primer", "--primer-from", "--primer-length", "--tokens-out", "--wav", "--piano-roll"];

    [Fact]
    public async Task Train_help_shows_each_default_of_the_training_config_and_the_labs_recipe()
    {
        var shown = await HelpDefaults("train");

        Assert.Equal(OptionsOf<TrainCommand.Settings>(), shown.Keys.Order());
        Assert.Equal(OptionsOf<TrainCommand.Settings>(), TrainFields.Keys.Concat(TrainWithoutDefault).Order());
        foreach (string option in TrainWithoutDefault) Assert.True(shown[option] is null, $"{option} shows a default: {shown[option]}");
        foreach (var (option, field) in TrainFields)
        {
            string text = Expected(Show(field(Streams)), Show(field(LabRecipe)));
            Assert.Equal(Show(field(Streams)) == Show(field(Attending)) ? text : $"{text} (transformer: {Show(field(Attending))})", shown[option]);
        }
        Assert.Equal("4096 (lab: 0)", shown["--test-windows"]);
        Assert.Equal("rmsprop (transformer: adamw)", shown["--optimizer"]);   // as the option takes it
    }

    [Fact]
    public async Task Generate_help_shows_each_default_of_the_generation_options_and_the_labs()
    {
        var shown = await HelpDefaults("generate");

        Assert.Equal(OptionsOf<GenerateCommand.Settings>(), shown.Keys.Order());
        Assert.Equal(OptionsOf<GenerateCommand.Settings>(), GenerateFields.Keys.Concat(GenerateWithoutDefault).Append("--offsets").Order());
        foreach (string option in GenerateWithoutDefault) Assert.True(shown[option] is null, $"{option} shows a default: {shown[option]}");
        foreach (var (option, field) in GenerateFields)
            Assert.Equal(Expected(Show(field(new GenerationOptions())), Show(field(GenerationOptions.Lab))), shown[option]);
        Assert.Equal("0.75 (lab: 1)", shown["--temperature"]);
        string offsets = $"model, or {Show(((FixedOffsetPolicy)PieceOptions.For(timedModel: false).Offsets!).Step)} for a network without timing";
        Assert.Equal(Expected(offsets, Show(((FixedOffsetPolicy)PieceOptions.For(timedModel: true, lab: true).Offsets!).Step)), shown["--offsets"]);
    }

    [Fact]
    public async Task With_lab_each_option_runs_its_lab_default()
    {
        // What help calls the lab's default is what --lab runs: the options map onto GenerationOptions.Lab.
        var lab = new GenerateCommand.Settings { Lab = true }.ToGeneration(seed: 3);
        Assert.Equal(GenerationOptions.Lab with { Seed = 3 }, lab);
        var shown = await HelpDefaults("generate");
        Assert.EndsWith($"(lab: {Show(lab.Context)})", shown["--context"]);
        Assert.EndsWith($"(lab: {Show(lab.Sampling.Strategy)})", shown["--strategy"]);
    }

    private static string Expected(string value, string lab) => value == lab ? value : $"{value} (lab: {lab})";

    private static string Show(object? value) => value switch
    {
        Enum member => string.Concat(member.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}")),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>The long names of the options a settings class declares, sorted.</summary>
    private static IEnumerable<string> OptionsOf<TSettings>() =>
        typeof(TSettings).GetProperties()
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .Select(a => "--" + a.LongNames.Single())
            .Order();

    /// <summary>Each option <c>sonata COMMAND --help</c> lists (but --help), and the default its help text gives, or null.</summary>
    private static async Task<Dictionary<string, string?>> HelpDefaults(string command)
    {
        var console = new TestConsole().Width(2000);
        Assert.Equal(0, await SonataApp.RunAsync([command, "--help"], console));
        var shown = new Dictionary<string, string?>();
        foreach (string line in console.Output.Split('\n'))
        {
            if (OptionRow().Match(line) is not { Success: true } row || row.Groups["name"].Value == "--help") continue;
            string text = row.Groups["text"].Value.TrimEnd();
            shown[row.Groups["name"].Value] = DefaultPart().Match(text) is { Success: true } d ? d.Groups[1].Value : null;
        }
        return shown;
    }

    [GeneratedRegex(@"^\s+(?:-\w, )?(?<name>--[\w-]+)(?: <[^>]+>)?\s{2,}(?<text>.*)$")]
    private static partial Regex OptionRow();

    [GeneratedRegex(@"Default: (.+?)\.?$")]
    private static partial Regex DefaultPart();
}

using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Sonata.Cli;
using Sonata.Cli.Commands.Train;
using Sonata.Model;
using Sonata.Training;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>`sonata train` and `sonata export`, end to end with a tiny model.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainCommandTests : IDisposable
{
    private static readonly string[] TinyOptions =
        ["--performer-steps", "3", "--embedding", "8", "--hidden", "32", "--layers", "1", "--max-batches", "3", "--max-eval-batches", "2", "--threads", "1", "--device", "cpu"];

    private readonly string _root = Directory.CreateTempSubdirectory("sonata-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Train_prints_the_batch_counts_resumes_and_exports()
    {
        string run = Path.Combine(_root, "run");
        var console = new TestConsole().Width(200);
        int code = await SonataApp.RunAsync(["train", "--tokens", ReferenceTokens.File, "--out", run, "--epochs", "1", "--recipe", "lab", .. TinyOptions], console);
        Assert.Equal(0, code);
        Assert.Contains("batches per epoch: 624 train, 535 validation, 535 test", console.Output);
        Assert.Contains("recipe lab", console.Output);
        Assert.Contains("epoch 1/1", console.Output);
        Assert.Contains("the best (epoch 1) model on the first 64 of its 17,117 windows", console.Output);

        console = new TestConsole().Width(200);
        code = await SonataApp.RunAsync(["train", "--tokens", ReferenceTokens.File, "--out", run, "--epochs", "2", "--resume", "--recipe", "lab", .. TinyOptions], console);
        Assert.Equal(0, code);
        Assert.Contains("resumed from", console.Output);
        Assert.Contains("epoch 2/2", console.Output);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);

        string model = Path.Combine(_root, "export", "model.safetensors");
        console = new TestConsole().Width(200);
        code = await SonataApp.RunAsync(["export", "--run", run, "--out", model], console);
        Assert.Equal(0, code);
        var shapes = SafetensorsShapes(model);
        Assert.Equal([668L, 8L], shapes["embedding.weight"]);
        Assert.Equal([4 * 32L, 8L], shapes["lstm.weight_ih_l0"]);
        Assert.Equal([668L, 32L], shapes["output.weight"]);
        Assert.Equal([668L], shapes["output_norm.running_mean"]);
        Assert.True(File.Exists(Path.Combine(_root, "export", "vocab.json")));
    }

    [Fact]
    public async Task The_streams_recipe_s_options_reach_config_json_and_its_run_generates()
    {
        string run = Path.Combine(_root, "streams");
        var console = new TestConsole().Width(200);
        int code = await SonataApp.RunAsync(
            ["train", "--tokens", ReferenceTokens.File, "--out", run, "--epochs", "1", "--recipe", "streams", "--split", "pieces",
             "--transpose", "--dropout", "0.25", "--weight-decay", "0.0001", "--streams", "8", "--chunk-length", "50", .. TinyOptions], console);
        Assert.Equal(0, code);
        var config = Sonata.IO.JsonFiles.Read<TrainingConfig>(Path.Combine(run, "config.json"));
        Assert.Equal(Recipe.Streams, config.Recipe);
        Assert.Equal((Sonata.Dataset.SplitKind.Pieces, true), (config.Data.Split, config.Data.Transpose));
        Assert.Equal((0.25, 0.0001), (config.Model.Dropout, config.Training.WeightDecay));
        Assert.Equal((8, 50), (config.Streams.Streams, config.Streams.ChunkLength));

        console = new TestConsole().Width(200);
        string midi = Path.Combine(_root, "streams.mid");
        code = await SonataApp.RunAsync(
            ["generate", "--run", run, "--threads", "1", "--device", "cpu", "--length", "20", "--out", midi], console);
        Assert.Equal(0, code);
        Assert.True(File.Exists(midi));
    }

    [Fact]
    public async Task With_skip_bad_a_damaged_file_is_listed_and_the_others_train()
    {
        string folder = Path.Combine(_root, "damaged");
        Directory.CreateDirectory(folder);
        foreach (string file in ExtractedCorpus.MozartFiles.Take(3)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        string damaged = Path.Combine(folder, "damaged.mid");
        File.WriteAllBytes(damaged, File.ReadAllBytes(ExtractedCorpus.MozartFiles[3])[..200]);
        string[] train = ["train", "--data", folder, "--out", Path.Combine(_root, "skipped"), "--epochs", "1", "--test-windows", "64", .. TinyOptions];

        var console = new TestConsole().Width(400);
        Assert.Equal(1, await SonataApp.RunAsync(train, console));
        Assert.Contains($"error: {damaged}: ", console.Output);

        console = new TestConsole().Width(400);
        Assert.Equal(0, await SonataApp.RunAsync([.. train, "--skip-bad"], console));
        Assert.Contains($"skipped: {damaged}: ", console.Output);
        Assert.Contains("epoch 1/1", console.Output);
    }

    [Fact]
    public async Task Ctrl_C_stops_cleanly_and_says_how_to_resume()
    {
        using var cancellation = new CancellationTokenSource();
        var console = new TestConsole().Width(200);
        string run = Path.Combine(_root, "cancelled");
        int code = await SonataApp.RunAsync(["train", "--out", run, .. TinyOptions], console,
            new CancelOnLoad(cancellation), cancellation.Token);
        Assert.Equal(TrainCommand.Interrupted, code);
        Assert.Contains("sonata train --resume --out", console.Output);
        Assert.True(File.Exists(Path.Combine(run, "summary.json")));
    }

    [Fact]
    public void The_options_default_to_the_library_defaults()
    {
        var settings = new TrainCommand.Settings();
        // With no options, sonata train runs the library's default config; with --recipe lab, the
        // library's defaults of the lab's recipe.
        Assert.Equal(new TrainingConfig { TokenSource = "corpus" }, settings.ToConfig("corpus"));
        settings.Recipe = Recipe.Lab;
        Assert.Equal(TrainingConfig.For(Recipe.Lab) with { TokenSource = "corpus" }, settings.ToConfig("corpus"));
        Assert.Equal((1, 0.0), (TrainingConfig.For(Recipe.Lab).Model.Members, TrainingConfig.For(Recipe.Lab).Memory.Weight));
    }

    /// <summary>The tensor names and shapes in a safetensors file's header.</summary>
    private static Dictionary<string, long[]> SafetensorsShapes(string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        long length = BitConverter.ToInt64(bytes, 0);   // little-endian u64, then that many bytes of JSON
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)length));
        return header.RootElement.EnumerateObject()
            .Where(entry => entry.Name != "__metadata__")
            .ToDictionary(entry => entry.Name, entry => entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());
    }

    /// <summary>Hands over the reference tokens, then presses Ctrl-C.</summary>
    private sealed class CancelOnLoad(CancellationTokenSource cancellation) : ITokenSource
    {
        public string Description => "reference tokens";

        public Task<TrainingCorpus> LoadAsync(CancellationToken cancellationToken)
        {
            cancellation.Cancel();
            return Task.FromResult(ReferenceTokens.Corpus);
        }
    }
}

using System.Text.Json;
using Sonata.Cli;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary><c>sonata evaluate --run DIR --held-out</c>: a run's model scored on the pieces its pieces split kept from training.</summary>
[Collection(TorchCollection.Name)]
public sealed class HeldOutScoringTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sonata-held-out-").FullName;

    private async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(250);
        int code = await SonataApp.RunAsync(args, console, corpusOptions: TinyRun.Options(_root));
        return (code, console.Output);
    }

    [Fact]
    public async Task The_held_out_pieces_are_scored_and_they_are_the_files_no_training_window_read()
    {
        string corpus = Path.Combine(_root, "five");
        Directory.CreateDirectory(corpus);
        foreach (string file in ExtractedCorpus.MozartFiles.Take(5)) File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        string run = Path.Combine(_root, "run");
        var (trained, log) = await Run("train", "--performer-steps", "3", "--data", corpus, "--out", run, "--split", "pieces", "--val-pieces", "1", "--test-pieces", "1",
            "--network", "lab", "--embedding", "8", "--hidden", "32", "--layers", "1", "--epochs", "1", "--max-batches", "2", "--max-eval-batches", "1",
            "--threads", "1", "--device", "cpu");
        Assert.True(trained == 0, log);

        var (code, output) = await Run("evaluate", "--run", run, "--held-out", "--json", "--threads", "1");

        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        string description = json.RootElement.GetProperty("data").GetString()!;
        Assert.StartsWith("its 2 held-out pieces (", description);
        var heldOut = ExtractedCorpus.MozartFiles.Take(5).Select(Path.GetFileName).Where(name => description.Contains(name!, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, heldOut.Count);
        long tokens = heldOut.Sum(name => (long)Tokenization.Music21Tokenizer.TokenizeFile(Path.Combine(corpus, name!)).Count);
        Assert.Equal(tokens, json.RootElement.GetProperty("score").GetProperty("tokens").GetInt64());
        Assert.Equal(tokens - 100, json.RootElement.GetProperty("score").GetProperty("windows").GetInt64());
    }

    [Fact]
    public async Task A_run_of_the_labs_split_holds_nothing_out_and_says_so_in_one_line()
    {
        string run = Path.Combine(_root, "windows");
        var (trained, log) = await Run("train", "--performer-steps", "3", "--data", ExtractedCorpus.MozartFiles[0], "--out", run, "--network", "lab", "--embedding", "8",
            "--hidden", "32", "--layers", "1", "--epochs", "1", "--max-batches", "1", "--max-eval-batches", "1", "--threads", "1", "--device", "cpu");
        Assert.True(trained == 0, log);

        var (code, output) = await Run("evaluate", "--run", run, "--held-out");

        Assert.Equal(1, code);
        Assert.Contains("holds out no piece (trained with --split windows): score it with --data", output);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

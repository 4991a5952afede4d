using Sonata.Cli;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>Training on one piece or a handful: the recipe fits the corpus, or one line says what is needed.</summary>
[Collection(TorchCollection.Name)]
public sealed class SmallCorpusTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sonata-small-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A folder with the first <paramref name="count"/> sonatas.</summary>
    private string Corpus(int count)
    {
        string folder = Path.Combine(_root, $"corpus-{count}");
        Directory.CreateDirectory(folder);
        foreach (string file in ExtractedCorpus.MozartFiles.Take(count))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        return folder;
    }

    private async Task<(int Code, string Output)> Train(int files, string split, params string[] extra)
    {
        var console = new TestConsole().Width(300);
        string run = Path.Combine(_root, $"run-{files}-{split}-{string.Join('-', extra)}");
        int code = await SonataApp.RunAsync(
            ["train", "--performer-steps", "3", "--data", Corpus(files), "--out", run, "--split", split, "--epochs", "1", "--embedding", "8", "--hidden", "16",
             "--layers", "1", "--max-batches", "2", "--max-eval-batches", "1", "--threads", "1", "--device", "cpu", .. extra],
            console, corpusOptions: TinyRun.Options(_root));
        return (code, console.Output);
    }

    [Theory]
    [InlineData(1, "windows")]
    [InlineData(2, "windows")]
    [InlineData(5, "windows")]
    [InlineData(5, "pieces")]
    public async Task A_few_pieces_train_with_the_default_recipe(int files, string split)
    {
        var (code, output) = await Train(files, split);

        Assert.True(code == 0, output);
        Assert.Contains("test accuracy", output);
        if (files < 5) Assert.Contains("stream(s) instead of 64", output);   // 64 streams would not fit
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_split_by_pieces_of_one_or_two_files_is_refused_in_one_line(int files)
    {
        var (code, output) = await Train(files, "pieces");

        Assert.Equal(1, code);
        Assert.Equal($"error: a split by pieces needs at least 3 files (one each to train, validate and test); the corpus has {files}: use --split windows",
            OneError(output));
    }

    [Fact]
    public async Task Three_files_split_by_pieces_hold_out_one_each_and_say_so()
    {
        var (code, output) = await Train(3, "pieces");

        Assert.True(code == 0, output);
        Assert.Contains("1 file(s) validate and 1 test instead of 2 and 2: the corpus has 3 files", output);
    }

    [Fact]
    public async Task The_lab_recipe_on_too_little_music_says_what_it_needs_in_one_line()
    {
        var (code, output) = await Train(1, "windows", "--recipe", "lab", "--sequence-length", "4800");   // 4,920 tokens: 120 windows

        Assert.Equal(1, code);
        Assert.StartsWith("error: the training split holds 84 windows, fewer than one batch of 128", OneError(output));
    }

    /// <summary>The one error line of an output that holds no stack trace.</summary>
    private static string OneError(string output)
    {
        Assert.DoesNotContain("   at ", output);
        return Assert.Single(output.Split('\n'), line => line.StartsWith("error:", StringComparison.Ordinal)).Trim();
    }
}

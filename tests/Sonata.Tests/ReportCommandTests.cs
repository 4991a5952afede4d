using Sonata.Cli;
using Sonata.Reports;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary><c>sonata report</c> from the command line: a run trained on a tokens file, where the pieces are by default, and its errors.</summary>
[Collection(TorchCollection.Name)]
public sealed class ReportCommandTests(TinyRun run) : IClassFixture<TinyRun>
{
    private string Output(string name) => Path.Combine(run.Root, name);

    private async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(250);
        int code = await SonataApp.RunAsync(args, console, corpusOptions: TinyRun.Options(run.Root));
        return (code, console.Output);
    }

    private Task<(int Code, string Output)> Generate(string runFolder, string midi, params string[] args) =>
        Run(["generate", "--run", runFolder, "--threads", "1", "--device", "cpu", "--length", "20", "--out", midi, .. args]);

    [Fact]
    public async Task A_run_trained_on_a_tokens_file_shows_its_pieces_and_says_the_figures_need_the_corpus_timing()
    {
        string tokens = Output("tokens.json"), tokensRun = Output("tokens-run"), pieces = Output("tokens-pieces");
        Assert.Equal(0, (await Run("data", "--data", run.Sonata, "--tokens-out", tokens)).Code);
        var (trained, trainOutput) = await Run("train", "--tokens", tokens, "--out", tokensRun, "--epochs", "1", "--embedding", "8", "--hidden", "32",
            "--layers", "1", "--max-batches", "2", "--max-eval-batches", "1", "--threads", "1", "--device", "cpu");
        Assert.True(trained == 0, trainOutput);
        Assert.False(File.Exists(Path.Combine(tokensRun, "corpus-events.json")));
        Directory.CreateDirectory(pieces);
        string midi = Path.Combine(pieces, "plain.mid");
        Assert.Equal(0, (await Generate(tokensRun, midi, "--seed", "3", "--wav", Path.ChangeExtension(midi, ".wav"), "--piano-roll", Path.ChangeExtension(midi, ".png"))).Code);

        var (code, output) = await Run("report", "--run", tokensRun, "--pieces", pieces, "--out", Path.Combine(pieces, "report.html"));

        Assert.True(code == 0, output);
        Assert.Contains("no figures: The figures need the corpus's timing", output);
        string html = File.ReadAllText(Path.Combine(pieces, "report.html"));
        Assert.Contains("<audio controls preload=\"metadata\" src=\"plain.wav\">", html);
        Assert.Contains("<img src=\"plain.png\"", html);
        Assert.Contains("<dd data-setting=\"seed\">3</dd>", html);
        Assert.Contains("data-metric=\"test_accuracy\"", html);
        Assert.Contains("<p class=\"note\" data-split=\"windows\">Validation and test are the lab's split", html);   // which music the figures are of
        Assert.Contains(System.Net.WebUtility.HtmlEncode(RunReport.NoCorpusTiming), html);
        Assert.DoesNotContain("data-figure=", html);
    }

    [Fact]
    public async Task The_pieces_are_by_default_those_beside_the_page_and_a_piece_without_its_files_or_unreadable_says_so()
    {
        string folder = Output("beside");
        Directory.CreateDirectory(folder);
        Assert.Equal(0, (await Generate(run.Folder, Path.Combine(folder, "bare.mid"), "--seed", "4")).Code);
        File.Delete(Path.Combine(folder, "bare.piece.json"));
        File.WriteAllText(Path.Combine(folder, "broken.mid"), "not a MIDI file");

        var (code, output) = await Run("report", "--run", run.Folder, "--out", Path.Combine(folder, "page.html"));

        Assert.True(code == 0, output);
        Assert.Contains("the run and 2 pieces from", output);
        Assert.Contains("1 judged beside the run's 1 training piece", output);
        Assert.Contains("warning: broken.mid has no figures: its MIDI file cannot be read", output);
        string html = File.ReadAllText(Path.Combine(folder, "page.html"));
        Assert.Contains("data-piece=\"bare.mid\"", html);
        Assert.Contains("No bare.wav beside it", html);
        Assert.Contains("No bare.png beside it", html);
        Assert.Contains("No bare.piece.json beside it", html);
        Assert.Contains("data-figure=\"DistinctTokens\"", html);
    }

    [Fact]
    public async Task A_missing_run_or_pieces_folder_is_one_error_line()
    {
        var noRun = await Run("report", "--run", Output("no-such-run"), "--out", Output("x.html"));
        var noPieces = await Run("report", "--run", run.Folder, "--pieces", Output("no-such-pieces"), "--out", Output("x.html"));
        var noRunOption = await Run("report", "--out", Output("x.html"));

        foreach (var (code, output) in new[] { noRun, noPieces, noRunOption })
        {
            Assert.Equal(1, code);
            Assert.StartsWith("error: ", output.Trim());
            Assert.Single(output.Trim().Split('\n'));
        }
        Assert.Contains("no run folder", noRun.Output);
        Assert.Contains("no pieces folder", noPieces.Output);
        Assert.False(File.Exists(Output("x.html")));
    }
}

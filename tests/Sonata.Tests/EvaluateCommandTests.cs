using System.Text.Json;
using Sonata.Cli;
using Sonata.Cli.Commands.Evaluate;
using Sonata.Cli.Views;
using Sonata.Pieces;
using Sonata.Corpus;
using Sonata.Evaluation;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary><c>sonata evaluate</c> end to end: figures of MIDI files beside the sonatas' ranges, and its errors.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    /// <summary>Four tokens below the sonatas' range, played over and over: a loop no sonata has.</summary>
    private static readonly string[] Loop = ["C1", "D1", "E1", "D1"];

    private readonly string _folder = Directory.CreateTempSubdirectory("sonata-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IReadOnlyList<string> Sonata(string key) => ReferenceTokens.Files.Single(f => f.FileName == key).Tokens;

    /// <summary>Writes tokens as a MIDI file under the test's folder, an eighth apart, and returns its path.</summary>
    private string Write(string relative, IReadOnlyList<string> tokens)
    {
        string path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Composer.WriteMidi(path, tokens, OffsetPolicy.Fixed(0.5), seed: 1);
        return path;
    }

    /// <summary>
    /// A primer from K. 279, then the first 300 tokens of K. 280 and 25 times <see cref="Loop"/>: a
    /// 400-token generated part that copies 300 tokens from piano_sonata_280.mid at 0 and ends in a
    /// loop of 100.
    /// </summary>
    private string[] Copier() => [.. Sonata("piano_sonata_279.mid").Take(100), .. Sonata("piano_sonata_280.mid").Take(300), .. Enumerable.Repeat(Loop, 25).SelectMany(l => l)];

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(200);
        var options = new CorpusOptions(Path.Combine(Path.GetTempPath(), "sonata-evaluate-tests"), new Uri("http://127.0.0.1:9/none.tar.gz"), null);
        int code = await SonataApp.RunAsync(args, console, corpusOptions: options);
        return (code, console.Output);
    }

    [Fact]
    public async Task A_piece_that_copies_and_loops_is_marked_outside_in_json()
    {
        string midi = Write("copier.mid", Copier());

        var (code, output) = await Run("evaluate", midi, "--data", SharedData.MozartArchive, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(100, root.GetProperty("primerLength").GetInt32());
        Assert.Equal(20, root.GetProperty("corpusPieces").GetInt32());
        var piece = Assert.Single(root.GetProperty("pieces").EnumerateArray());
        Assert.Equal("copier.mid", piece.GetProperty("name").GetString());
        var figures = piece.GetProperty("figures");
        Assert.Equal(500, figures.GetProperty("tokens").GetInt32());
        Assert.Equal(0.25, figures.GetProperty("finalLoopShare").GetDouble(), 12);
        var copy = figures.GetProperty("longestCopy");
        Assert.Equal(300, copy.GetProperty("length").GetInt32());
        Assert.Equal(100, copy.GetProperty("pieceStart").GetInt32());
        Assert.Equal("piano_sonata_280.mid", copy.GetProperty("source").GetProperty("fileKey").GetString());
        Assert.Equal(0, copy.GetProperty("source").GetProperty("position").GetInt32());
        string[] outside = [.. piece.GetProperty("outside").EnumerateArray().Select(f => f.GetString()!)];
        Assert.Contains("finalLoopShare", outside);
        Assert.Contains("longestVerbatimCopy", outside);
        Assert.Contains("sharedRunShare", outside);
        var loopVerdict = piece.GetProperty("verdicts").EnumerateArray().Single(v => v.GetProperty("figure").GetString() == "finalLoopShare");
        Assert.True(loopVerdict.GetProperty("outside").GetBoolean());
        Assert.Equal(0, loopVerdict.GetProperty("range").GetProperty("p90").GetDouble());
        var ranges = Assert.Single(root.GetProperty("ranges").EnumerateArray());
        Assert.Equal(500, ranges.GetProperty("excerptTokens").GetInt32());
        Assert.Equal(100, ranges.GetProperty("excerpts").GetInt32());
    }

    [Fact]
    public async Task A_folder_gets_a_column_per_piece_and_their_median()
    {
        Write("pieces/a-copier.mid", Copier());
        // A plain stretch of K. 545 (its primer the 100 tokens before): inside the ranges as a sonata is.
        Write("pieces/b/sonata.mid", [.. Sonata("piano_sonata_545.mid").Skip(1000).Take(500)]);
        File.WriteAllText(Path.Combine(_folder, "pieces", "notes.txt"), "not MIDI, left alone");

        var (code, table) = await Run("evaluate", Path.Combine(_folder, "pieces"), "--data", SharedData.MozartArchive);
        var (jsonCode, output) = await Run("evaluate", Path.Combine(_folder, "pieces"), "--data", SharedData.MozartArchive, "--json");

        Assert.Equal(0, code);
        Assert.Contains("a-copier.mid", table);
        Assert.Contains("b/sonata.mid", table);
        Assert.Contains("median of 2", table);
        Assert.Contains("corpus range", table);
        Assert.Contains("piano_sonata_280.mid @ 0", table);
        Assert.Contains("▲", table);

        Assert.Equal(0, jsonCode);
        using var json = JsonDocument.Parse(output);
        var pieces = json.RootElement.GetProperty("pieces").EnumerateArray().ToList();
        Assert.Equal(["a-copier.mid", "b/sonata.mid"], pieces.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(0, pieces[1].GetProperty("figures").GetProperty("finalLoopShare").GetDouble());
        var median = json.RootElement.GetProperty("median");
        Assert.Equal(2, median.GetProperty("pieces").GetInt32());
        var loop = median.GetProperty("verdicts").EnumerateArray().Single(v => v.GetProperty("figure").GetString() == "finalLoopShare");
        Assert.Equal(0.125, loop.GetProperty("value").GetDouble(), 12);
    }

    [Fact]
    public async Task The_primer_length_is_an_option()
    {
        string midi = Write("copier.mid", Copier());

        var (code, output) = await Run("evaluate", midi, "--data", SharedData.MozartArchive, "--primer-length", "150", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(150, json.RootElement.GetProperty("primerLength").GetInt32());
        var figures = json.RootElement.GetProperty("pieces")[0].GetProperty("figures");
        Assert.Equal(250, figures.GetProperty("longestCopy").GetProperty("length").GetInt32());   // K. 280's tokens 50 to 299
        Assert.Equal(100.0 / 350, figures.GetProperty("finalLoopShare").GetDouble(), 12);
        Assert.Equal(150, json.RootElement.GetProperty("ranges")[0].GetProperty("primerLength").GetInt32());
    }

    [Theory]
    [InlineData("none.mid")]
    [InlineData("no-such-folder")]
    public async Task A_missing_file_or_folder_is_one_error_line(string name)
    {
        var (code, output) = await Run("evaluate", Path.Combine(_folder, name), "--data", SharedData.MozartArchive);

        Assert.Equal(1, code);
        Assert.Equal($"error: no MIDI file or folder at {Path.Combine(_folder, name)}", output.Trim());
    }

    [Fact]
    public async Task A_corrupt_midi_file_is_one_error_line_that_names_it()
    {
        string good = Write("pieces/a.mid", Copier());
        string bad = Path.Combine(_folder, "pieces", "b.mid");
        byte[] bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(bad, bytes[..(bytes.Length / 2)]);

        foreach (string path in new[] { bad, Path.Combine(_folder, "pieces") })
        {
            var (code, output) = await Run("evaluate", path, "--data", SharedData.MozartArchive);

            Assert.Equal(1, code);
            string line = Assert.Single(output.Trim().Split('\n'));
            Assert.StartsWith("error: ", line);
            Assert.Contains("b.mid", line);
        }
    }

    [Fact]
    public async Task A_piece_no_longer_than_its_primer_is_one_error_line()
    {
        string midi = Write("short.mid", [.. Sonata("piano_sonata_279.mid").Take(80)]);

        var (code, output) = await Run("evaluate", midi, "--data", SharedData.MozartArchive);

        Assert.Equal(1, code);
        Assert.StartsWith("error: short.mid: 80 tokens, none after the 100-token primer", output.Trim());
    }

    // --run: the earlier statistics beside a run's corpus (with a real run: GenerateCommandTests).

    private static readonly string[] PieceTokens = ["C4", "C4", "E4.G4", "D4", "B3", "C4"];

    [Fact]
    public async Task A_missing_run_folder_is_refused()
    {
        string piece = Path.Combine(_folder, "piece.mid");
        Composer.WriteMidi(piece, PieceTokens, OffsetPolicy.Fixed(1), seed: 0);

        var (code, output) = await Run("evaluate", piece, "--run", Path.Combine(_folder, "no-run"));

        Assert.Equal(1, code);
        Assert.Contains("no run folder", output);
    }

    [Fact]
    public void The_statistics_table_has_one_column_without_a_corpus()
    {
        var table = StatisticsTable.Build(MusicStatistics.Of(PieceTokens), corpus: null);
        Assert.Equal(2, table.Columns.Count);
        Assert.Equal(3, StatisticsTable.Build(MusicStatistics.Of(PieceTokens), MusicStatistics.Of(["C4"])).Columns.Count);
    }
}

using System.Text.Json;
using Sonata.Cli.Evaluate;
using Sonata.Evaluation;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace Sonata.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private static readonly string[] PieceTokens = ["C4", "C4", "E4.G4", "D4", "B3", "C4"];
    private readonly string _folder = Directory.CreateTempSubdirectory("sonata-evaluate-").FullName;
    private readonly string _midi;

    public EvaluateCommandTests()
    {
        _midi = Path.Combine(_folder, "piece.mid");
        File.WriteAllBytes(_midi, [0]);   // only its path matters: the tokenizer is a stand-in
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(160);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.ConfigureConsole(console);
            config.Settings.Registrar.RegisterInstance<Func<string, IReadOnlyList<string>>>(_ => PieceTokens);
            config.Settings.Registrar.RegisterInstance<Func<string, PieceStatistics>>(_ => MusicStatistics.Of(["A3", "C4.E4", "A4", "E5"]));
            config.AddCommand<EvaluateCommand>("evaluate");
        });
        int code = await app.RunAsync(args);
        return (code, console.Output);
    }

    [Fact]
    public async Task Prints_a_table_beside_the_corpus()
    {
        var (code, output) = await Run("evaluate", _midi, "--run", _folder);

        Assert.Equal(0, code);
        Assert.Contains("Corpus", output);
        Assert.Contains("Distinct tokens", output);
        Assert.Contains("B3 (59)", output);
        Assert.Contains("C major", output);
        Assert.Contains("Jensen-Shannon", output);
    }

    [Fact]
    public async Task Prints_json_for_machines()
    {
        var (code, output) = await Run("evaluate", _midi, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var piece = json.RootElement.GetProperty("piece");
        Assert.Equal(6, piece.GetProperty("tokens").GetInt32());
        Assert.Equal("major", piece.GetProperty("scale").GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("corpus").ValueKind);
    }

    [Fact]
    public async Task A_missing_file_is_refused()
    {
        var (code, output) = await Run("evaluate", Path.Combine(_folder, "none.mid"));

        Assert.NotEqual(0, code);
        Assert.Contains("No MIDI file", output);
    }

    [Fact]
    public void The_table_has_one_column_without_a_corpus()
    {
        var table = StatisticsTable.Build(MusicStatistics.Of(PieceTokens), corpus: null);
        Assert.Equal(2, table.Columns.Count);
        Assert.Equal(3, StatisticsTable.Build(MusicStatistics.Of(PieceTokens), MusicStatistics.Of(["C4"])).Columns.Count);
    }
}

using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Sonata.Cli;
using Sonata.Cli.Commands.Generate;
using Sonata.Generation;
using Sonata.Pieces;
using Sonata.Tokenization;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary><c>sonata generate</c> (and <c>evaluate --run</c>) end to end, on a tiny trained run.</summary>
[Collection(TorchCollection.Name)]
public sealed class GenerateCommandTests(TinyRun run) : IClassFixture<TinyRun>
{
    private string Output(string name) => Path.Combine(run.Root, name);

    private async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(250);
        int code = await SonataApp.RunAsync(args, console, corpusOptions: TinyRun.Options(run.Root));
        return (code, console.Output);
    }

    private Task<(int Code, string Output)> Generate(string name, params string[] args) =>
        Run(["generate", "--run", run.Folder, "--threads", "1", "--device", "cpu", "--out", Output(name + ".mid"),
             "--tokens-out", Output(name + ".json"), .. args]);

    private string[] TokensOf(string name) => JsonSerializer.Deserialize<string[]>(File.ReadAllText(Output(name + ".json")))!;

    [Fact]
    public async Task The_midi_reads_back_as_exactly_its_600_tokens_seeded_from_a_test_window()
    {
        var (code, output) = await Generate("lab", "--seed", "1", "--lab");
        Assert.Equal(0, code);
        Assert.Contains("context window", output);
        Assert.Contains("(epoch 1, the best validation accuracy of 1 epoch,", output);   // not merely the newest
        Assert.Contains("reads back as the same 600 tokens", output);
        Assert.Contains("corpus range", output);                                  // the figures beside the run's corpus

        string[] tokens = TokensOf("lab");
        Assert.Equal(600, tokens.Length);
        Assert.Equal(tokens, Music21Tokenizer.TokenizeFile(Output("lab.mid")).Select(t => t.Token));
        var (dataCode, _) = await Run("data", "--data", Output("lab.mid"), "--tokens-out", Output("lab.read.json"));
        Assert.Equal(0, dataCode);
        Assert.Equal(tokens, TokensJsonFile.Read(Output("lab.read.json")).Single().Tokens);

        // The seed is 100 consecutive tokens of the corpus the run trained on.
        string corpus = string.Join(' ', Music21Tokenizer.TokenizeFile(run.Sonata).Select(t => t.Token));
        Assert.Contains(string.Join(' ', tokens[..100]), corpus);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_tokens_and_bytes()
    {
        await Generate("a", "--seed", "7", "--length", "60", "--offsets", "corpus");
        await Generate("b", "--seed", "7", "--length", "60", "--offsets", "corpus");
        var (code, _) = await Generate("c", "--seed", "8", "--length", "60", "--offsets", "corpus");

        Assert.Equal(0, code);
        Assert.Equal(TokensOf("a"), TokensOf("b"));
        Assert.Equal(File.ReadAllBytes(Output("a.mid")), File.ReadAllBytes(Output("b.mid")));
        Assert.NotEqual(File.ReadAllBytes(Output("a.mid")), File.ReadAllBytes(Output("c.mid")));
        Assert.Equal(TokensOf("a"), Music21Tokenizer.TokenizeFile(Output("a.mid")).Select(t => t.Token));
    }

    [Fact]
    public async Task Sampling_with_a_seed_is_repeatable_and_differs_from_greedy()
    {
        string[] sample = ["--seed", "5", "--length", "60", "--strategy", "sample", "--temperature", "1.5", "--top-k", "40", "--top-p", "0.95"];
        var (code, output) = await Generate("sample1", sample);
        await Generate("sample2", sample);
        await Generate("greedy", "--seed", "5", "--length", "60");

        Assert.Equal(0, code);
        Assert.Contains("strategy sample (temperature 1.5, top-k 40, top-p 0.95)", output);
        Assert.Equal(TokensOf("sample1"), TokensOf("sample2"));
        Assert.Equal(TokensOf("greedy")[..100], TokensOf("sample1")[..100]);   // the same seed window
        Assert.NotEqual(TokensOf("greedy")[100..], TokensOf("sample1")[100..]);
    }

    [Theory]
    [InlineData("window")]
    [InlineData("stream")]
    public async Task Both_context_modes_generate_the_asked_length(string mode)
    {
        var (code, output) = await Generate(mode, "--seed", "3", "--length", "37", "--context", mode);

        Assert.Equal(0, code);
        Assert.Contains($"context {mode} (", output);
        Assert.Contains("generated 37 tokens", output);
        Assert.Equal(137, TokensOf(mode).Length);
    }

    [Fact]
    public async Task A_primer_seeds_with_its_last_100_tokens()
    {
        var (code, output) = await Generate("primed", "--primer", run.Sonata, "--length", "20");

        Assert.Equal(0, code);
        Assert.Contains("the last 100 of the 3011 tokens of piano_sonata_282.mid", output);
        var primer = Music21Tokenizer.TokenizeFile(run.Sonata).Select(t => t.Token).ToArray();
        Assert.Equal(primer[^100..], TokensOf("primed")[..100]);
    }

    [Fact]
    public async Task A_primer_with_tokens_missing_from_the_vocabulary_is_read_as_the_nearest_and_kept_in_the_piece()
    {
        string primer = Output("strange.mid");
        Composer.WriteMidi(primer, ["C4", "C8", "C4", "C8.G#0"], OffsetPolicy.Fixed(1), seed: 0);

        var (code, output) = await Generate("strange", "--primer", primer, "--length", "10");

        Assert.Equal(0, code);
        Assert.Contains("2 of the 4 primer tokens are not in the model's vocabulary and were read as the nearest it knows: C8 → ", output);
        Assert.Equal(["C4", "C8", "C4", "C8.G#0"], TokensOf("strange")[..4]);   // the piece keeps the primer as written
        Assert.Equal(14, TokensOf("strange").Length);
        using var record = JsonDocument.Parse(File.ReadAllText(Output("strange.piece.json")));
        Assert.Equal(2, record.RootElement.GetProperty("primer_mapped").GetInt32());
        var substitutions = record.RootElement.GetProperty("primer_substitutions").EnumerateArray().Select(s => s.GetProperty("from").GetString()!).ToArray();
        Assert.Equal(["C8", "C8.G#0"], substitutions);
    }

    [Fact]
    public async Task A_primer_can_start_anywhere_in_its_file_and_be_short()
    {
        var (code, output) = await Generate("middle", "--primer", run.Sonata, "--primer-from", "500", "--primer-length", "30", "--length", "5");
        var (quarterCode, _) = await Generate("quarters", "--primer", run.Sonata, "--primer-from", "64q", "--primer-length", "20", "--length", "5");

        Assert.Equal(0, code);
        Assert.Contains("tokens 500–529 of the 3,011 of piano_sonata_282.mid", output);
        var events = Music21Tokenizer.TokenizeFile(run.Sonata);
        Assert.Equal(events.Skip(500).Take(30).Select(e => e.Token), TokensOf("middle")[..30]);
        Assert.Equal(35, TokensOf("middle").Length);
        Assert.Equal(0, quarterCode);
        int first = events.ToList().FindIndex(e => e.Offset >= 64);
        Assert.Equal(events.Skip(first).Take(20).Select(e => e.Token), TokensOf("quarters")[..20]);
    }

    [Theory]
    [InlineData("--primer-from", "99999", "holds 3,011 tokens")]
    [InlineData("--primer-length", "101", "1 to 100 tokens")]
    [InlineData("--primer-from", "bar 3", "a token's index (200) or quarter notes (64q)")]
    public async Task A_primer_stretch_outside_the_file_or_the_context_is_one_line(string option, string value, string message)
    {
        var (code, output) = await Generate("outside", "--primer", run.Sonata, option, value);

        Assert.Equal(1, code);
        Assert.Contains(message, output);
        Assert.Single(output.Trim().Split('\n'), line => line.Contains("error", StringComparison.Ordinal));
        Assert.False(File.Exists(Output("outside.mid")));
    }

    [Fact]
    public async Task A_primer_without_notes_is_one_line()
    {
        string silent = Output("silent.mid");
        Composer.WriteMidi(silent, [], OffsetPolicy.Fixed(1), seed: 0);

        var (code, output) = await Generate("silent", "--primer", silent);

        Assert.Equal(1, code);
        Assert.Contains("silent.mid holds no notes or chords to prime a piece with", output);
    }

    [Fact]
    public async Task The_wav_has_sound_and_the_piano_roll_is_drawn()
    {
        var (code, output) = await Generate("heard", "--seed", "2", "--length", "20", "--wav", Output("heard.wav"), "--piano-roll", Output("heard.png"));

        Assert.Equal(0, code);
        Assert.Contains("heard.wav", output);
        var (seconds, rms) = WavRendererTests.Measure(Output("heard.wav"));
        Assert.InRange(seconds, 29.9, 30.0 + 5.0);   // 120 tokens, half a quarter apart at 120 BPM, and a release tail
        Assert.True(rms > 0.01, $"RMS {rms} is silence");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Output("heard.png"))[..4]);
    }

    [Fact]
    public async Task Evaluate_scores_the_runs_model_on_any_music_the_labs_way()
    {
        var (code, output) = await Run("evaluate", "--run", run.Folder, "--data", run.Sonata, "--threads", "1");
        var (jsonCode, json) = await Run("evaluate", "--run", run.Folder, "--data", run.Sonata, "--threads", "1", "--json", "--windows", "300");

        Assert.Equal((0, 0), (code, jsonCode));
        Assert.Contains("1 file(s), 3,011 tokens, 2,911 windows", output);   // every window of 100 and its next token
        Assert.Contains("tokens outside its vocabulary: 0 (0.00 %, 0 distinct)", output);
        Assert.Matches(@"accuracy \d+\.\d\d % \(networks alone \d+\.\d\d %\); loss \d\.\d{3} nats", output);
        using var document = JsonDocument.Parse(json);
        var score = document.RootElement.GetProperty("score");
        Assert.Equal(300, score.GetProperty("windows").GetInt64());
        Assert.InRange(score.GetProperty("accuracy").GetDouble(), 0.0, 1.0);
        Assert.True(score.GetProperty("loss").GetDouble() > 0);
    }

    [Fact]
    public async Task Scoring_reads_unknown_context_tokens_as_the_nearest_and_counts_unknown_labels_as_misses()
    {
        var events = Music21Tokenizer.TokenizeFile(run.Sonata).Take(300).ToList();
        var strange = events.Select((e, i) => i is >= 150 and < 200 ? e with { Token = "C8.D8.E8" } : e).ToList();
        using var opened = Runs.TrainedRun.Open(run.Folder, new Runs.RunOpening { Device = Runtime.DeviceChoice.Cpu, Threads = 1 });

        var plain = Runs.ModelScoring.Score(opened, [new TokenizedFile("a", events)], new Runs.ScoringOptions());
        var mapped = Runs.ModelScoring.Score(opened, [new TokenizedFile("b", strange)], new Runs.ScoringOptions());

        Assert.Equal((200L, 0L, 0L), (plain.Windows, plain.UnknownTokens, plain.UnknownLabels));
        Assert.Equal((200L, 50L, 1, 50L), (mapped.Windows, mapped.UnknownTokens, mapped.UnknownDistinct, mapped.UnknownLabels));
        Assert.InRange(mapped.Accuracy, 0.0, 150.0 / 200);
        Assert.True(double.IsFinite(mapped.Loss));
    }

    [Fact]
    public async Task Evaluate_with_the_run_prints_the_corpus_beside_the_piece()
    {
        await Generate("judged", "--seed", "4", "--length", "30");

        var (code, output) = await Run("evaluate", Output("judged.mid"), "--run", run.Folder);

        Assert.Equal(0, code);
        Assert.Contains("Corpus", output);
        Assert.Contains("3,011", output);   // the corpus's token count
    }

    [Fact]
    public async Task Evaluate_with_the_run_prints_the_statistics_beside_the_runs_corpus_and_as_json()
    {
        string piece = Output("six.mid");
        Composer.WriteMidi(piece, ["C4", "C4", "E4.G4", "D4", "B3", "C4"], OffsetPolicy.Fixed(1), seed: 0);

        var (code, table) = await Run("evaluate", piece, "--run", run.Folder);
        var (jsonCode, output) = await Run("evaluate", piece, "--run", run.Folder, "--json");

        Assert.Equal((0, 0), (code, jsonCode));
        Assert.Contains("Distinct tokens", table);
        Assert.Contains("B3 (59)", table);
        Assert.Contains("C major", table);
        Assert.Contains("Jensen-Shannon", table);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(6, json.RootElement.GetProperty("piece").GetProperty("tokens").GetInt32());
        Assert.Equal("major", json.RootElement.GetProperty("piece").GetProperty("scale").GetProperty("mode").GetString());
        Assert.Equal(3011, json.RootElement.GetProperty("corpus").GetProperty("tokens").GetInt32());
    }

    [Fact]
    public void The_options_default_to_the_library_defaults_or_with_lab_to_the_labs()
    {
        var settings = new GenerateCommand.Settings();
        Assert.Equal(new GenerationOptions { Seed = 7 }, settings.ToGeneration(7));
        Assert.Equal(new GenerationOptions { Seed = 7, KeyPull = 0.6 }, new GenerateCommand.Settings { Length = 500, KeyPull = 0.6 }.ToGeneration(7));
        Assert.Equal(new GenerationOptions { Seed = 7, KeyPull = null }, new GenerateCommand.Settings { Length = 500, KeyPull = 1 }.ToGeneration(7));
        Assert.Equal(PieceOptions.For(timedModel: true) with { Seed = 7 }, settings.ToPiece(7, modelTiming: true, onsetSteps: null));
        settings.Lab = true;
        Assert.Equal(GenerationOptions.Lab with { Seed = 7 }, settings.ToGeneration(7));
        Assert.Equal(new PieceOptions { Seed = 7 }, settings.ToPiece(7, modelTiming: true, onsetSteps: null));
        // With --lab --strategy sample, the lab's own temperature (1: the model's distribution), as before.
        Assert.Equal(1.0, new GenerateCommand.Settings { Lab = true, Strategy = SamplingStrategy.Sample }.ToSampling().Temperature);
    }

    [Fact]
    public async Task Count_writes_a_piece_a_seed_and_a_table_of_them_all()
    {
        var (code, output) = await Run("generate", "--run", run.Folder, "--threads", "1", "--device", "cpu", "--count", "4", "--seed", "20",
            "--length", "40", "--strategy", "sample", "--out", Output("many.mid"), "--tokens-out", Output("many.json"));

        Assert.Equal(0, code);
        foreach (int seed in new[] { 20, 21, 22, 23 })
        {
            Assert.True(File.Exists(Output($"many-{seed}.mid")));
            Assert.Equal(140, JsonSerializer.Deserialize<string[]>(File.ReadAllText(Output($"many-{seed}.json")))!.Length);
            Assert.Contains($"seed {seed}; primer: test window", output);
            Assert.Contains($"many-{seed}.mid", output);
            // More than three pieces are listed a row each, a piece's name first.
            Assert.Contains(output.Split('\n'), line => line.TrimStart().StartsWith($"│ many-{seed}.mid", StringComparison.Ordinal));
        }
        Assert.Contains("median of 4", output);
        Assert.Contains("corpus range", output);
        Assert.NotEqual(File.ReadAllBytes(Output("many-20.mid")), File.ReadAllBytes(Output("many-21.mid")));
    }

    [Fact]
    public async Task The_lab_s_network_has_no_timing_of_its_own_to_write()
    {
        var (code, output) = await Generate("untimed", "--length", "10", "--offsets", "model");

        Assert.Equal(1, code);
        Assert.Contains("error: --offsets model: the run's model predicts no timing", output);
    }

    [Fact]
    public async Task Options_out_of_range_are_refused()
    {
        Assert.NotEqual(0, (await Generate("x", "--strategy", "greedy", "--temperature", "0.5")).Code);   // greedy ignores it
        Assert.NotEqual(0, (await Generate("x", "--strategy", "sample", "--top-p", "1.5")).Code);
        Assert.NotEqual(0, (await Generate("x", "--offsets", "fast")).Code);
        Assert.NotEqual(0, (await Run("generate", "--run", Output("no-such-run"))).Code);
    }
}

using System.Text.Json;
using Sonata.Cli;
using Sonata.Corpus;
using Sonata.Midi;
using Sonata.Tokenization;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary><c>sonata data</c> end to end, and the tokenizer on bad and unfamiliar input.</summary>
public class DataCommandTests
{
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(200);
        var options = new CorpusOptions(Path.Combine(Path.GetTempPath(), "sonata-data-tests"), new Uri("http://127.0.0.1:9/none.tar.gz"), null);
        int code = await SonataApp.RunAsync(args, console, corpusOptions: options);
        return (code, console.Output);
    }

    [Fact]
    public async Task Summary_of_the_corpus_archive_gives_the_labs_totals()
    {
        var (code, output) = await Run("data", "--data", SharedData.MozartArchive, "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(20, json.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(114_208, json.RootElement.GetProperty("tokens").GetInt32());
        Assert.Equal(668, json.RootElement.GetProperty("distinctTokens").GetInt32());
    }

    [Fact]
    public async Task Tokens_out_writes_a_json_object_of_the_references_shape()
    {
        string file = Path.Combine(Path.GetTempPath(), $"sonata-tokens-{Guid.NewGuid():N}.json");
        try
        {
            var (code, _) = await Run("data", "--data", ExtractedCorpus.MozartFiles[0], "--tokens-out", file);
            Assert.Equal(0, code);
            var written = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(file))!;
            Assert.Equal(["piano_sonata_279.mid"], written.Keys);
            Assert.Equal(4920, written["piano_sonata_279.mid"].Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_truncated_file_is_an_error_that_names_it_and_skip_bad_goes_on()
    {
        string folder = CopyOfTwoFiles();
        try
        {
            string bad = Path.Combine(folder, "b_truncated.mid");
            var bytes = File.ReadAllBytes(bad);
            File.WriteAllBytes(bad, bytes[..(bytes.Length / 2)]);

            var (code, output) = await Run("data", "--data", folder);
            Assert.Equal(1, code);
            Assert.Contains("b_truncated.mid", output);
            Assert.Contains("truncated", output);

            (code, output) = await Run("data", "--data", folder, "--skip-bad", "--json");
            Assert.Equal(0, code);
            Assert.Contains("skipped", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(0)]   // the MThd magic
    [InlineData(15)]  // inside the first MTrk tag
    public void A_byte_flipped_header_is_an_error_naming_the_file(int position)
    {
        var bytes = File.ReadAllBytes(ExtractedCorpus.MozartFiles[0]);
        bytes[position] ^= 0xFF;
        var error = Assert.Throws<MidiFormatException>(() => MidiFileParser.Parse(bytes, "flipped.mid"));
        Assert.StartsWith("flipped.mid: ", error.Message);
    }

    [Fact]
    public void A_file_with_no_notes_gives_no_tokens()
    {
        byte[] header = [.. "MThd"u8, 0, 0, 0, 6, 0, 1, 0, 1, 1, 224];
        byte[] track = [.. "MTrk"u8, 0, 0, 0, 4, 0, 0xFF, 0x2F, 0];
        Assert.Empty(Music21Tokenizer.Tokenize(MidiFileParser.Parse((byte[])[.. header, .. track], "empty.mid")));
    }

    [Fact]
    public void Every_file_of_the_second_corpus_reads()
    {
        var corpus = CorpusTokenizer.Tokenize(ExtractedCorpus.MidiSongsFiles);
        Assert.Equal(92, corpus.Files.Count);
        Assert.All(corpus.Files, f => Assert.NotEmpty(f.Tokens));
    }

    private static string CopyOfTwoFiles()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"sonata-bad-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.Copy(ExtractedCorpus.MozartFiles[0], Path.Combine(folder, "a_good.mid"));
        File.Copy(ExtractedCorpus.MozartFiles[1], Path.Combine(folder, "b_truncated.mid"));
        return folder;
    }
}

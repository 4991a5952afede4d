using Sonata.Cli;
using Sonata.Cli.Commands.Train;
using Sonata.Corpus;
using Sonata.Tokenization;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>
/// One key and one order for the files of a corpus: the path relative to the folder that holds them
/// all, in ordinal order, whether the corpus is read from its folder or from a tokens file.
/// </summary>
public sealed class CorpusKeysTests : IDisposable
{
    private readonly CorpusScratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private CorpusOptions Options =>
        CorpusOptions.Default with { CacheFolder = scratch.Cache, Url = new Uri("http://127.0.0.1:9/unused.tar.gz") };

    [Fact]
    public void Keys_are_paths_relative_to_the_folder_holding_all_files()
    {
        string[] paths = [scratch.PathOf("songs", "bach", "a.mid"), scratch.PathOf("songs", "chopin", "a.mid"), scratch.PathOf("songs", "b.mid")];

        Assert.Equal(["bach/a.mid", "chopin/a.mid", "b.mid"], CorpusFiles.KeysOf(paths));
        Assert.Equal(["a.mid"], CorpusFiles.KeysOf([paths[0]]));
        Assert.Equal(["a.mid", "b.mid"], CorpusFiles.KeysOf([paths[0], scratch.PathOf("songs", "bach", "b.mid")]));
        Assert.Equal([paths[2], paths[0], paths[1]], CorpusFiles.InKeyOrder(paths));
    }

    [Fact]
    public async Task Two_files_of_one_name_in_a_nested_corpus_have_two_keys_and_both_are_written()
    {
        scratch.Write("songs/m.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[0]));
        scratch.Write("songs/bach/a.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[1]));
        scratch.Write("songs/chopin/a.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[2]));
        string folder = scratch.PathOf("songs"), tokensFile = scratch.PathOf("tokens.json");
        using var locator = new CorpusLocator();

        var files = await locator.ResolveAsync(folder, Options, progress: null, CancellationToken.None);
        var corpus = CorpusTokenizer.Tokenize(files.Paths);
        var console = new TestConsole().Width(200);
        int code = await SonataApp.RunAsync(["data", "--data", folder, "--tokens-out", tokensFile], console, corpusOptions: Options);

        string[] expected = ["bach/a.mid", "chopin/a.mid", "m.mid"];
        Assert.Equal(expected, files.Keys);
        Assert.Equal(expected, corpus.Files.Select(f => f.Key));
        Assert.True(code == 0, console.Output);
        Assert.Equal(expected, TokensJsonFile.ReadInWrittenOrder(tokensFile).Select(f => f.FileName));
    }

    [Fact]
    public async Task Data_folder_and_tokens_out_then_tokens_file_give_the_same_files_in_the_same_order()
    {
        // No two names alike, but their order (m, piano_sonata_282, zz) is not their paths'.
        scratch.Write("songs/m.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[0]));
        scratch.Write("songs/a/zz.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[1]));
        scratch.Write("songs/b/piano_sonata_282.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[2]));
        string folder = scratch.PathOf("songs");
        string tokensFile = scratch.PathOf("tokens.json");

        var fromFolder = (await new CorpusTokenSource(new TestConsole(), Options, folder).LoadAsync(CancellationToken.None)).Files;
        var console = new TestConsole().Width(200);
        int code = await SonataApp.RunAsync(["data", "--data", folder, "--tokens-out", tokensFile], console, corpusOptions: Options);
        Assert.True(code == 0, console.Output);
        var fromFile = (await new TokensFileSource(tokensFile).LoadAsync(CancellationToken.None)).Files;

        Assert.Equal(fromFolder.Select(f => f.Tokens), fromFile.Select(f => f.Tokens));
        Assert.Equal(fromFolder.Select(f => f.FileName), fromFile.Select(f => f.FileName));
        Assert.Equal(["a/zz.mid", "b/piano_sonata_282.mid", "m.mid"], fromFolder.Select(f => f.FileName));
        Assert.Equal(fromFolder.Select(f => f.FileName), TokensJsonFile.ReadInWrittenOrder(tokensFile).Select(f => f.FileName));
    }
}

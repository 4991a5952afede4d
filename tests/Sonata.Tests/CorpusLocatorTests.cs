using System.IO.Compression;
using System.Text.Json;
using Sonata.Corpus;

namespace Sonata.Tests;

/// <summary>Local sources: folders, single files and archives, and the errors for bad ones.</summary>
public class CorpusLocatorTests : IDisposable
{
    private static readonly byte[] FakeMidi = "MThd"u8.ToArray();
    private readonly CorpusScratch scratch = new();
    private readonly CorpusLocator locator = new();

    private CorpusOptions Options =>
        CorpusOptions.Default with { CacheFolder = scratch.Cache, Url = new Uri("http://127.0.0.1:9/unused.tar.gz") };

    public void Dispose()
    {
        locator.Dispose();
        scratch.Dispose();
    }

    private Task<CorpusFiles> Resolve(string? source) =>
        locator.ResolveAsync(source, Options, progress: null, CancellationToken.None);

    [Fact]
    public async Task Folder_gives_midi_files_recursively_in_ordinal_order_of_relative_path()
    {
        scratch.Write("songs/b.mid", FakeMidi);
        scratch.Write("songs/A.MIDI", FakeMidi);
        scratch.Write("songs/sub/c.Mid", FakeMidi);
        scratch.Write("songs/notes.txt", FakeMidi);

        CorpusFiles files = await Resolve(scratch.PathOf("songs"));

        string[] expected = ["songs/A.MIDI", "songs/b.mid", "songs/sub/c.Mid"];
        Assert.Equal(expected.Select(p => scratch.PathOf(p.Split('/'))), files.Paths);
        Assert.Equal(["A.MIDI", "b.mid", "sub/c.Mid"], files.Keys);
        Assert.Contains(scratch.PathOf("songs"), files.Description);
    }

    [Fact]
    public async Task Single_midi_file_is_the_whole_corpus()
    {
        string path = scratch.Write("one.mid", FakeMidi);

        CorpusFiles files = await Resolve(path);

        Assert.Equal([path], files.Paths);
        Assert.Equal(["one.mid"], files.Keys);
    }

    [Fact]
    public async Task Mozart_archive_gives_its_20_sonatas_in_ordinal_order_keyed_like_the_reference()
    {
        CorpusFiles files = await Resolve(SharedData.MozartArchive);

        Assert.Equal(20, files.Paths.Count);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), files.Keys);
        Assert.All(files.Paths, path => Assert.True(new FileInfo(path).Length > 1000, path));
        Assert.Equal(ReferenceKeys(), files.Keys);
        Assert.Contains("mozart_sonatas.tar.gz", files.Description);
    }

    [Fact]
    public async Task Archive_is_extracted_once_into_the_cache_and_reused()
    {
        string tgz = scratch.PathOf("corpus.TGZ");
        File.Copy(SharedData.MozartArchive, tgz);

        CorpusFiles first = await Resolve(tgz);
        DateTime written = File.GetLastWriteTimeUtc(first.Paths[0]);
        CorpusFiles second = await Resolve(tgz);

        Assert.Equal(first.Paths, second.Paths);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.Paths[0]));
        Assert.StartsWith(Path.Combine(scratch.Cache, "extracted", CorpusOptions.LabCorpusSha256), first.Paths[0]);
        Assert.Single(Directory.GetDirectories(Path.Combine(scratch.Cache, "extracted")));
    }

    [Fact]
    public async Task Missing_path_names_the_path()
    {
        string missing = scratch.PathOf("nowhere");

        var error = await Assert.ThrowsAsync<CorpusException>(() => Resolve(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task Folder_without_midi_files_is_an_error_naming_it()
    {
        scratch.Write("empty/readme.txt", FakeMidi);

        var error = await Assert.ThrowsAsync<CorpusException>(() => Resolve(scratch.PathOf("empty")));

        Assert.Contains(scratch.PathOf("empty"), error.Message);
        Assert.Contains("no MIDI files", error.Message);
    }

    [Fact]
    public async Task File_that_is_neither_midi_nor_archive_is_an_error_naming_it()
    {
        string path = scratch.Write("song.mp3", FakeMidi);

        var error = await Assert.ThrowsAsync<CorpusException>(() => Resolve(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task Archive_that_is_not_gzip_is_an_error_naming_it_and_caches_nothing()
    {
        string path = scratch.Write("broken.tar.gz", "this is not gzip"u8.ToArray());

        var error = await Assert.ThrowsAsync<CorpusException>(() => Resolve(path));

        Assert.Contains(path, error.Message);
        Assert.Empty(scratch.CacheFiles());
    }

    [Fact]
    public async Task Gzip_that_is_not_tar_is_an_error_naming_it_and_caches_nothing()
    {
        string path = scratch.PathOf("notatar.tgz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Enumerable.Range(0, 2000).Select(i => (byte)(i * 7 + 3)).ToArray());
        }

        var error = await Assert.ThrowsAsync<CorpusException>(() => Resolve(path));

        Assert.Contains(path, error.Message);
        Assert.Empty(scratch.CacheFiles());
    }

    private static string[] ReferenceKeys()
    {
        string json = File.ReadAllText(Path.Combine(SharedData.ReferenceFolder, "mozart_sonatas.music21-8.1.0.tokens.json"));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using Sonata.Corpus;

namespace Sonata.Tests;

/// <summary>Archives with entries that would escape the extraction folder, or links, are refused.</summary>
public class CorpusExtractionTests : IDisposable
{
    private readonly CorpusScratch scratch = new();
    private readonly CorpusLocator locator = new();

    public void Dispose()
    {
        locator.Dispose();
        scratch.Dispose();
    }

    private Task<CorpusFiles> Resolve(string source) =>
        locator.ResolveAsync(source, CorpusOptions.Default with { CacheFolder = scratch.Cache }, null, CancellationToken.None);

    [Fact]
    public async Task Nested_archive_is_ordered_by_relative_path()
    {
        string archive = WriteArchive("nested.tar.gz",
            File("z/b.mid"), File("a.mid"), File("z/A.mid"), File("docs/readme.txt"), Folder("empty/"));

        CorpusFiles files = await Resolve(archive);

        Assert.Equal(["a.mid", "z/A.mid", "z/b.mid"], files.Keys);
        Assert.EndsWith(Path.Combine("z", "A.mid"), files.Paths[1]);
    }

    [Theory]
    [InlineData("../evil.mid")]
    [InlineData("songs/../../evil.mid")]
    public async Task Entry_climbing_out_is_refused_and_nothing_lands_outside(string name)
    {
        string archive = WriteArchive("climb.tar.gz", File("good.mid"), File(name));

        var error = await Assert.ThrowsAsync<CorpusException>(() => Resolve(archive));

        Assert.Contains(archive, error.Message);
        Assert.Contains(name, error.Message);
        AssertNoEvilAnywhere();
        Assert.Empty(scratch.CacheFiles());
    }

    [Fact]
    public async Task Absolute_entry_is_refused()
    {
        string target = scratch.PathOf("outside", "evil.mid");
        string archive = WriteArchive("absolute.tar.gz", File(target));

        var error = await Assert.ThrowsAsync<CorpusException>(() => Resolve(archive));

        Assert.Contains(archive, error.Message);
        Assert.Contains("absolute", error.Message);
        Assert.False(System.IO.File.Exists(target));
        Assert.Empty(scratch.CacheFiles());
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink)]
    [InlineData(TarEntryType.HardLink)]
    public async Task Link_entry_is_refused(TarEntryType type)
    {
        var link = new PaxTarEntry(type, "link.mid") { LinkName = "../evil.mid" };
        string archive = WriteArchive("link.tar.gz", File("good.mid"), link);

        var error = await Assert.ThrowsAsync<CorpusException>(() => Resolve(archive));

        Assert.Contains(archive, error.Message);
        Assert.Contains("link.mid", error.Message);
        Assert.Empty(scratch.CacheFiles());
    }

    private void AssertNoEvilAnywhere() =>
        Assert.Empty(Directory.GetFiles(scratch.Folder, "evil.mid", SearchOption.AllDirectories));

    private static PaxTarEntry File(string name) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("MThd"u8.ToArray()) };

    private static PaxTarEntry Folder(string name) => new(TarEntryType.Directory, name);

    private string WriteArchive(string fileName, params TarEntry[] entries)
    {
        string path = scratch.PathOf(fileName);
        using var gzip = new GZipStream(System.IO.File.Create(path), CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (TarEntry entry in entries)
        {
            writer.WriteEntry(entry);
        }
        return path;
    }
}

using Sonata.Corpus;

namespace Sonata.Tests;

/// <summary>Downloads from a local HTTP server: checksum, cache reuse, and every way a download can fail.</summary>
public class CorpusDownloadTests : IDisposable
{
    private static readonly byte[] Mozart = File.ReadAllBytes(SharedData.MozartArchive);
    private readonly CorpusScratch scratch = new();
    private readonly CorpusLocator locator = new();

    public void Dispose()
    {
        locator.Dispose();
        scratch.Dispose();
    }

    private CorpusOptions OptionsFor(Uri url, string? sha256 = CorpusOptions.LabCorpusSha256) =>
        new(scratch.Cache, url, sha256);

    [Fact]
    public async Task Default_corpus_is_downloaded_verified_extracted_and_reused_without_a_request()
    {
        await using var server = new CorpusTestServer(_ => new(200, Mozart));
        var options = OptionsFor(server.UrlFor("mozart_sonatas.tar.gz"));
        var progress = new RecordingProgress();

        CorpusFiles first = await locator.ResolveAsync(null, options, progress, CancellationToken.None);

        Assert.Equal(1, server.Requests);
        Assert.Equal(20, first.Paths.Count);
        Assert.Equal("piano_sonata_279.mid", first.Keys[0]);
        Assert.Equal(new DownloadProgress(0, Mozart.Length), progress.Reports[0]);
        Assert.Equal(new DownloadProgress(Mozart.Length, Mozart.Length), progress.Reports[^1]);
        Assert.DoesNotContain(scratch.CacheFiles(), f => f.EndsWith(".part", StringComparison.Ordinal));

        using var another = new CorpusLocator();
        CorpusFiles second = await another.ResolveAsync(null, options, progress: null, CancellationToken.None);

        Assert.Equal(1, server.Requests);
        Assert.Equal(first.Paths, second.Paths);
    }

    [Fact]
    public async Task Url_source_equal_to_the_option_is_checked_against_its_checksum()
    {
        await using var server = new CorpusTestServer(_ => new(200, Mozart));
        var options = OptionsFor(server.UrlFor("mozart_sonatas.tar.gz"), sha256: new string('0', 64));

        var error = await Assert.ThrowsAsync<CorpusException>(
            () => locator.ResolveAsync(options.Url.ToString(), options, null, CancellationToken.None));

        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public async Task Other_url_source_is_downloaded_once_and_reused()
    {
        await using var server = new CorpusTestServer(_ => new(200, Mozart));
        var options = OptionsFor(server.UrlFor("default.tar.gz"));
        string source = server.UrlFor("songs/corpus.tgz").ToString();

        CorpusFiles first = await locator.ResolveAsync(source, options, null, CancellationToken.None);
        CorpusFiles second = await locator.ResolveAsync(source, options, null, CancellationToken.None);

        Assert.Equal(1, server.Requests);
        Assert.Equal(20, first.Paths.Count);
        Assert.Equal(first.Paths, second.Paths);
        Assert.Contains(source, first.Description);
    }

    [Fact]
    public async Task Wrong_checksum_is_an_error_and_leaves_nothing_trusted_so_the_next_run_downloads_again()
    {
        byte[] served = Mozart[..^1].Append((byte)(Mozart[^1] ^ 0xFF)).ToArray();
        await using var server = new CorpusTestServer(_ => new(200, served));
        var options = OptionsFor(server.UrlFor("mozart_sonatas.tar.gz"));

        var error = await Assert.ThrowsAsync<CorpusException>(
            () => locator.ResolveAsync(null, options, null, CancellationToken.None));

        Assert.Contains(options.Url.ToString(), error.Message);
        Assert.Contains("SHA-256", error.Message);
        Assert.Contains(CorpusOptions.LabCorpusSha256, error.Message);
        Assert.Empty(scratch.CacheFiles());

        await Assert.ThrowsAsync<CorpusException>(() => locator.ResolveAsync(null, options, null, CancellationToken.None));
        Assert.Equal(2, server.Requests);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Http_error_names_the_url_and_status_and_caches_nothing(int status)
    {
        await using var server = new CorpusTestServer(_ => new(status, "no"u8.ToArray()));
        var options = OptionsFor(server.UrlFor("mozart_sonatas.tar.gz"));

        var error = await Assert.ThrowsAsync<CorpusException>(
            () => locator.ResolveAsync(null, options, null, CancellationToken.None));

        Assert.Contains(options.Url.ToString(), error.Message);
        Assert.Contains(status.ToString(), error.Message);
        Assert.Empty(scratch.CacheFiles());
    }

    [Fact]
    public async Task Body_cut_off_before_its_content_length_is_an_error_and_caches_nothing()
    {
        await using var server = new CorpusTestServer(_ => new(200, Mozart[..10_000], DeclaredLength: Mozart.Length));
        var options = OptionsFor(server.UrlFor("mozart_sonatas.tar.gz"), sha256: null);

        var error = await Assert.ThrowsAsync<CorpusException>(
            () => locator.ResolveAsync(null, options, null, CancellationToken.None));

        Assert.Contains(options.Url.ToString(), error.Message);
        Assert.Contains("cut off", error.Message);
        Assert.Empty(scratch.CacheFiles());
    }

    [Fact]
    public async Task Cancelled_download_throws_and_caches_nothing()
    {
        await using var server = new CorpusTestServer(_ => new(200, Mozart));
        var options = OptionsFor(server.UrlFor("mozart_sonatas.tar.gz"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => locator.ResolveAsync(null, options, null, cancelled.Token));

        Assert.Empty(scratch.CacheFiles());
    }

    [Fact]
    public async Task Downloaded_file_that_is_not_an_archive_is_an_error_naming_the_url_and_caches_nothing()
    {
        await using var server = new CorpusTestServer(_ => new(200, "<html>not here</html>"u8.ToArray()));
        var options = OptionsFor(server.UrlFor("default.tar.gz"));
        string source = server.UrlFor("page.tar.gz").ToString();

        var error = await Assert.ThrowsAsync<CorpusException>(
            () => locator.ResolveAsync(source, options, null, CancellationToken.None));

        Assert.Contains(source, error.Message);
        Assert.Contains("not a readable .tar.gz", error.Message);
        Assert.Empty(scratch.CacheFiles());
    }

    [Theory]
    [InlineData("/xdg", "/home/me", "/xdg/sonata")]
    [InlineData("", "/home/me", "/home/me/.cache/sonata")]
    [InlineData(null, "/home/me", "/home/me/.cache/sonata")]
    [InlineData("relative/cache", "/home/me", "/home/me/.cache/sonata")]
    public void User_cache_folder_follows_xdg_cache_home_when_absolute(string? xdg, string home, string expected)
    {
        Assert.Equal(expected, CorpusOptions.UserCacheFolder(xdg, home).Replace('\\', '/'));
    }

    /// <summary>Keeps every report, in order, on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class RecordingProgress : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];

        public void Report(DownloadProgress value) => Reports.Add(value);
    }
}

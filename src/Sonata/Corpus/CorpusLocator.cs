namespace Sonata.Corpus;

/// <summary>
/// Finds the MIDI files of a corpus. A source is a folder of MIDI files (searched recursively), one
/// MIDI file, a <c>.tar.gz</c>/<c>.tgz</c> archive, or an http(s) address of such an archive; with no
/// source, the archive at <see cref="CorpusOptions.Url"/> is downloaded once, verified, and cached.
/// </summary>
public sealed class CorpusLocator : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;

    /// <param name="http">The client for downloads; when null the locator makes (and disposes) its own.</param>
    public CorpusLocator(HttpClient? http = null)
    {
        this.http = http ?? new HttpClient();
        ownsHttp = http is null;
    }

    /// <summary>Resolves <paramref name="source"/> (a <c>--data</c> value, or null for the default corpus).</summary>
    /// <exception cref="CorpusException">The source is missing, holds no MIDI files, or cannot be downloaded or extracted.</exception>
    public async Task<CorpusFiles> ResolveAsync(
        string? source, CorpusOptions options, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(source))
        {
            return await FromUrlAsync(options.Url, options.Sha256, options, progress, ct);
        }
        if (Uri.TryCreate(source, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            string? sha256 = url == options.Url ? options.Sha256 : null;
            return await FromUrlAsync(url, sha256, options, progress, ct);
        }

        string path = Path.GetFullPath(source);
        if (Directory.Exists(path))
        {
            return FromFolder(path, $"folder '{path}'");
        }
        if (!File.Exists(path))
        {
            throw new CorpusException(
                $"'{path}' does not exist. Pass a folder of MIDI files, a MIDI file, a .tar.gz archive "
                + "or an http(s) address of one.");
        }
        if (MidiFileFinder.IsMidi(path))
        {
            return new CorpusFiles([path], $"MIDI file '{path}'");
        }
        if (IsArchive(path))
        {
            string folder = await new ArchiveCache(options.CacheFolder).ExtractAsync(path, sha256: null, ct);
            return FromFolder(folder, $"archive '{path}'");
        }
        throw new CorpusException(
            $"'{path}' is neither a MIDI file (.mid, .midi) nor a .tar.gz/.tgz archive. "
            + "Pass a folder of MIDI files, a MIDI file or such an archive.");
    }

    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    private async Task<CorpusFiles> FromUrlAsync(
        Uri url, string? sha256, CorpusOptions options, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var cache = new ArchiveCache(options.CacheFolder);
        string what = sha256 is null ? $"{url}" : $"{url} (SHA-256 verified)";
        if (sha256 is not null && Directory.Exists(cache.FolderFor(sha256)))
        {
            return FromFolder(cache.FolderFor(sha256), what);
        }

        string key = sha256?.ToLowerInvariant() ?? "url-" + FileHash.Sha256Of(url.AbsoluteUri)[..16];
        string archive = Path.Combine(options.CacheFolder, "downloads", key, ArchiveFileName(url));
        if (!File.Exists(archive))
        {
            await new CorpusDownloader(http).DownloadAsync(url, archive, sha256, progress, ct);
        }
        string folder;
        try
        {
            folder = await cache.ExtractAsync(archive, sha256, ct);
        }
        catch (CorpusException e)
        {
            File.Delete(archive); // so that the next run downloads it again
            throw new CorpusException($"The archive downloaded from {url} cannot be used: {e.Message}", e);
        }
        return FromFolder(folder, what);
    }

    private static CorpusFiles FromFolder(string folder, string what)
    {
        IReadOnlyList<string> paths = MidiFileFinder.Find(folder);
        if (paths.Count == 0)
        {
            throw new CorpusException(
                $"There are no MIDI files (.mid, .midi) in {what}. Pass a source that holds some.");
        }
        return new CorpusFiles(paths, $"{paths.Count} MIDI files from {what}");
    }

    private static bool IsArchive(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last segment of the address, safe as a file name.</summary>
    private static string ArchiveFileName(Uri url)
    {
        string name = Uri.UnescapeDataString(Path.GetFileName(url.AbsolutePath));
        foreach (char invalid in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(invalid, '_');
        }
        return name is "" or "." or ".." ? "archive.tar.gz" : name;
    }
}

namespace Sonata.Corpus;

/// <summary>
/// Extracts archives into <c>&lt;cache&gt;/extracted/&lt;sha256 of the archive&gt;/</c>. Each archive
/// is extracted into a temporary folder first and renamed into place only when complete, so a
/// folder under that name is always a whole extraction and is reused by later runs.
/// </summary>
internal sealed class ArchiveCache(string cacheFolder)
{
    private string ExtractedRoot => Path.Combine(cacheFolder, "extracted");

    /// <summary>The folder an archive with this SHA-256 extracts to (it may not exist yet).</summary>
    public string FolderFor(string sha256) => Path.Combine(ExtractedRoot, sha256.ToLowerInvariant());

    /// <summary>Extracts <paramref name="archive"/> (unless already done) and returns its folder.</summary>
    /// <param name="sha256">The archive's SHA-256 when already known; computed when null.</param>
    public async Task<string> ExtractAsync(string archive, string? sha256, CancellationToken ct)
    {
        sha256 ??= await FileHash.Sha256Async(archive, ct);
        string final = FolderFor(sha256);
        if (Directory.Exists(final))
        {
            return final;
        }

        Directory.CreateDirectory(ExtractedRoot);
        string temporary = Path.Combine(ExtractedRoot, $".tmp-{Guid.NewGuid():N}");
        try
        {
            await SafeTarExtractor.ExtractAsync(archive, temporary, ct);
            try
            {
                Directory.Move(temporary, final);
            }
            catch (IOException) when (Directory.Exists(final))
            {
                // Another run extracted the same archive first: use theirs.
            }
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
        return final;
    }
}

namespace Sonata.Corpus;

/// <summary>Where the corpus comes from when no source is given, and where downloads are cached.</summary>
/// <param name="CacheFolder">Root of the cache: downloads and extracted archives go under it.</param>
/// <param name="Url">The archive to download when no source is given.</param>
/// <param name="Sha256">
/// The SHA-256 (hex) that the archive at <paramref name="Url"/> must have; null to skip the check.
/// </param>
public sealed record CorpusOptions(string CacheFolder, Uri Url, string? Sha256)
{
    /// <summary>The lab's corpus: the 20 Mozart piano sonatas.</summary>
    public const string LabCorpusUrl =
        "https://github.com/Foundations-of-Applied-Mathematics/Data/raw/master/RNN/mozart_sonatas.tar.gz";

    /// <summary>SHA-256 of the archive at <see cref="LabCorpusUrl"/>.</summary>
    public const string LabCorpusSha256 = "7cf333447ad44a76e6498af2f67c669558b63067ca91edf94f5bb37830e86d6e";

    /// <summary>The lab's corpus, cached in <see cref="UserCacheFolder"/>.</summary>
    public static CorpusOptions Default => new(UserCacheFolder(), new Uri(LabCorpusUrl), LabCorpusSha256);

    /// <summary><c>$XDG_CACHE_HOME/sonata</c> when that is an absolute path, else <c>~/.cache/sonata</c>.</summary>
    public static string UserCacheFolder() =>
        UserCacheFolder(Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
                        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static string UserCacheFolder(string? xdgCacheHome, string home) =>
        Path.Combine(
            !string.IsNullOrEmpty(xdgCacheHome) && Path.IsPathRooted(xdgCacheHome) ? xdgCacheHome : Path.Combine(home, ".cache"),
            "sonata");
}

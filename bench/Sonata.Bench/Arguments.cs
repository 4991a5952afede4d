namespace Sonata.Bench;

/// <summary>The benchmarks' command-line options and their default token file.</summary>
internal static class Arguments
{
    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static string Option(string[] args, string name, string fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    /// <summary>A file of the shared folder above the benchmark, e.g. <c>data/midi_songs.tar.gz</c>.</summary>
    public static string SharedFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string file = Path.Combine([dir.FullName, "shared", .. relative.Split('/')]);
            if (File.Exists(file)) return file;
        }
        throw new FileNotFoundException($"no shared/{relative} above the benchmark");
    }

    /// <summary>music21's tokens of the Mozart corpus, from the shared folder above the benchmark.</summary>
    public static string DefaultTokens()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string file = Path.Combine(dir.FullName, "shared", "reference", "mozart_sonatas.music21-8.1.0.tokens.json");
            if (File.Exists(file)) return file;
        }
        throw new FileNotFoundException("no shared/reference/mozart_sonatas.music21-8.1.0.tokens.json above the benchmark: pass --tokens FILE");
    }
}

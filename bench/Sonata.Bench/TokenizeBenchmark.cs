using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using Sonata.Tokenization;

namespace Sonata.Bench;

/// <summary>
/// In-process time to read and tokenize each file of a corpus archive, and the whole corpus
/// (best of several rounds, after a warm-up). Usage: tokenize [ARCHIVE] [ROUNDS].
/// </summary>
internal static class TokenizeBenchmark
{
    public static int Run(string[] args)
    {
        string archive = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "mozart_sonatas.tar.gz");
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 10;
        string folder = Path.Combine(Path.GetTempPath(), "sonata-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using (var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: false);
            var files = Directory.EnumerateFiles(folder, "*.mid", SearchOption.AllDirectories)
                .OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList();

            CorpusTokenizer.Tokenize(files); // warm-up: JIT
            var perFile = files.ToDictionary(f => f, _ => double.MaxValue);
            double corpusBest = double.MaxValue;
            int tokens = 0;
            for (int round = 0; round < rounds; round++)
            {
                var corpusClock = Stopwatch.StartNew();
                foreach (var file in files)
                {
                    var clock = Stopwatch.StartNew();
                    tokens = Music21Tokenizer.TokenizeFile(file).Count;
                    perFile[file] = Math.Min(perFile[file], clock.Elapsed.TotalMilliseconds);
                }
                corpusBest = Math.Min(corpusBest, corpusClock.Elapsed.TotalSeconds);
            }
            foreach (var (file, ms) in perFile)
                Console.WriteLine($"{Path.GetFileName(file),-24} {ms,8:0.00} ms");
            Console.WriteLine($"corpus: {files.Count} files in {corpusBest:0.000} s (best of {rounds}); "
                + $"music21 8.1.0 takes 62 s: {62 / corpusBest:0}x faster");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }
}

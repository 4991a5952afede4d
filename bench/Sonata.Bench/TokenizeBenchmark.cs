using System.Diagnostics;
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
        using var corpus = ExtractedArchive.Of(archive);
        var files = corpus.Files;

        CorpusTokenizer.Tokenize(files); // warm-up: JIT
        var perFile = files.ToDictionary(f => f, _ => double.MaxValue);
        double sequentialBest = double.MaxValue, parallelBest = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            var sequentialClock = Stopwatch.StartNew();
            foreach (var file in files)
            {
                var clock = Stopwatch.StartNew();
                Music21Tokenizer.TokenizeFile(file);
                perFile[file] = Math.Min(perFile[file], clock.Elapsed.TotalMilliseconds);
            }
            sequentialBest = Math.Min(sequentialBest, sequentialClock.Elapsed.TotalSeconds);

            var parallelClock = Stopwatch.StartNew();
            CorpusTokenizer.Tokenize(files);
            parallelBest = Math.Min(parallelBest, parallelClock.Elapsed.TotalSeconds);
        }
        foreach (var (file, ms) in perFile)
            Console.WriteLine($"{Path.GetFileName(file),-24} {ms,8:0.00} ms");
        Console.WriteLine($"corpus, one file after another: {sequentialBest:0.000} s (best of {rounds}); music21 8.1.0 takes 62 s: {62 / sequentialBest:0}x");
        Console.WriteLine($"corpus, files in parallel ({Environment.ProcessorCount} cores): {parallelBest:0.000} s; {62 / parallelBest:0}x");
        return 0;
    }
}

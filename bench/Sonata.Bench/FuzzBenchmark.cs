using System.Diagnostics;
using System.Text.RegularExpressions;
using Sonata.Fuzz;
using Sonata.Midi;
using Sonata.Tokenization;

namespace Sonata.Bench;

/// <summary>
/// Reads seeded mutations of the corpus files (<see cref="MidiMutator"/>) and checks the bar of
/// issue 11: no exception but <see cref="MidiFormatException"/> escapes the tokenizer, and none of
/// those stands for an unforeseen failure (<see cref="MidiFormatException.IsUnforeseen"/>), no file takes
/// over 2 s, the whole run peaks under 1 GiB, every refusal names its file. Each file is first read
/// alone (timed), then all of them again through the corpus tokenizer with skipBad, in batches, as
/// <c>sonata data --skip-bad</c> reads a folder. Prints PASS/FAIL per item; exits 1 on a failure.
/// Usage: fuzz [--files 10000] [--seed 1] [--batch 2000] [--data A.tar.gz,B.tar.gz]
/// </summary>
internal static partial class FuzzBenchmark
{
    private static readonly TimeSpan MaxFileTime = TimeSpan.FromSeconds(2);
    private const long MaxPeakBytes = 1L << 30;

    public static int Run(string[] args)
    {
        int count = int.Parse(Arguments.Option(args, "--files", "10000"));
        int seed = int.Parse(Arguments.Option(args, "--seed", "1"));
        int batch = int.Parse(Arguments.Option(args, "--batch", "2000"));
        string data = Arguments.Option(args, "--data", string.Join(',',
            Arguments.SharedFile("data/mozart_sonatas.tar.gz"), Arguments.SharedFile("data/midi_songs.tar.gz")));
        var sources = ArchiveSources.Read(data.Split(','));
        var mutator = new MidiMutator(sources, seed);
        string folder = Path.Combine(Path.GetTempPath(), $"sonata-fuzz-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        Console.WriteLine($"fuzz: {count:N0} mutated copies of {sources.Count} corpus files (seed {seed}), "
            + $"{Environment.ProcessorCount} cores, limits: {Limits()}");

        var clock = Stopwatch.StartNew();
        FuzzOutcome[] outcomes;
        List<string> corpusProblems;
        try
        {
            outcomes = ReadOneByOne(mutator, count, folder);
            corpusProblems = ReadAsCorpus(mutator, outcomes, batch, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        var total = clock.Elapsed;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;

        Report(outcomes, batch, corpusProblems);
        var slowest = outcomes.MaxBy(o => o.Time)!;
        var crashes = outcomes.Where(o => o.Crash is not null).ToList();
        var unnamed = outcomes.Where(o => o.Refusal is not null && !o.Refusal.Contains(o.FileName, StringComparison.Ordinal)).ToList();
        Console.WriteLine($"peak memory: {peak / 1048576.0:N0} MiB (process peak working set); total time: {total.TotalSeconds:N1} s");
        Console.WriteLine();
        bool[] bar =
        [
            Check(crashes.Count == 0 && corpusProblems.Count == 0, "no crash: no exception other than MidiFormatException escapes the tokenizer, none unforeseen",
                crashes.Take(5).Select(c => $"{c.FileName} ({c.Detail}): {c.Crash}").Concat(corpusProblems.Take(5))),
            Check(slowest.Time <= MaxFileTime, $"no file over {MaxFileTime.TotalSeconds:0} s (slowest {slowest.Time.TotalSeconds:0.000} s)",
                outcomes.Where(o => o.Time > MaxFileTime).Take(5).Select(o => $"{o.FileName} ({o.Detail}): {o.Time.TotalSeconds:0.0} s")),
            Check(peak < MaxPeakBytes, $"peak memory under 1 GiB ({peak / 1048576.0:N0} MiB)", []),
            Check(unnamed.Count == 0, "every refusal names the file",
                unnamed.Take(5).Select(o => $"{o.FileName}: {o.Refusal}")),
        ];
        return bar.All(passed => passed) ? 0 : 1;
    }

    private static FuzzOutcome[] ReadOneByOne(MidiMutator mutator, int count, string folder)
    {
        var outcomes = new FuzzOutcome[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, count, options, i =>
        {
            var mutation = mutator.Make(i);
            string path = Path.Combine(folder, mutation.FileName);
            File.WriteAllBytes(path, mutation.Bytes);
            var clock = Stopwatch.StartNew();
            int tokens = 0;
            string? refusal = null, crash = null;
            try
            {
                tokens = Music21Tokenizer.TokenizeFile(path).Count;
            }
            catch (MidiFormatException e) when (!e.IsUnforeseen)
            {
                refusal = e.Message;
            }
            catch (Exception e)
            {
                // An unforeseen failure is refused too, so that a corpus goes on; here it is a crash.
                var cause = e.InnerException ?? e;
                crash = $"{cause.GetType().Name}: {cause.Message}";
            }
            outcomes[i] = new FuzzOutcome(mutation.FileName, mutation.Kind, mutation.Detail, clock.Elapsed, tokens, refusal, crash);
            File.Delete(path);
        });
        return outcomes;
    }

    /// <summary>The same files through <see cref="CorpusTokenizer"/> with skipBad; what differs from reading them alone.</summary>
    private static List<string> ReadAsCorpus(MidiMutator mutator, FuzzOutcome[] outcomes, int batch, string folder)
    {
        var problems = new List<string>();
        for (int start = 0; start < outcomes.Length; start += batch)
        {
            var indices = Enumerable.Range(start, Math.Min(batch, outcomes.Length - start)).ToList();
            var paths = indices.Select(i =>
            {
                var mutation = mutator.Make(i);
                string path = Path.Combine(folder, mutation.FileName);
                File.WriteAllBytes(path, mutation.Bytes);
                return path;
            }).ToList();
            try
            {
                var corpus = CorpusTokenizer.Tokenize(paths, skipBad: true);
                var skipped = corpus.Skipped.Select(s => s.Reason).ToHashSet(StringComparer.Ordinal);
                var expected = indices.Where(i => outcomes[i].Refusal is not null).Select(i => outcomes[i].Refusal!).ToHashSet(StringComparer.Ordinal);
                if (corpus.Files.Count + corpus.Skipped.Count != paths.Count || !skipped.SetEquals(expected))
                    problems.Add($"files {start}-{start + paths.Count - 1}: the corpus tokenizer skipped {corpus.Skipped.Count}, "
                        + $"read alone {expected.Count} were refused");
            }
            catch (Exception e)
            {
                problems.Add($"files {start}-{start + paths.Count - 1}, corpus tokenizer with skipBad: {e.GetType().Name}: {e.Message}");
            }
            foreach (string path in paths)
                File.Delete(path);
        }
        return problems;
    }

    private static void Report(FuzzOutcome[] outcomes, int batch, List<string> corpusProblems)
    {
        var read = outcomes.Where(o => o.IsRead).ToList();
        var refused = outcomes.Where(o => o.Refusal is not null).ToList();
        var largest = read.MaxBy(o => o.Tokens);
        Console.WriteLine($"read: {read.Count:N0} files, {read.Sum(o => (long)o.Tokens):N0} tokens"
            + (largest is null ? "" : $" (most: {largest.Tokens:N0} in {largest.FileName}, {largest.Detail})"));
        Console.WriteLine($"refused: {refused.Count:N0} files, by reason:");
        foreach (var group in refused.GroupBy(o => Reason(o.Refusal!, o.FileName)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {group.Count(),6:N0}  {group.Key}");
        Console.WriteLine($"crashed: {outcomes.Count(o => o.Crash is not null):N0} files");
        Console.WriteLine("by mutation:      files    read  refused  slowest");
        foreach (var kind in outcomes.GroupBy(o => o.Kind).OrderBy(g => g.Key))
            Console.WriteLine($"  {kind.Key,-13} {kind.Count(),7:N0} {kind.Count(o => o.IsRead),7:N0} {kind.Count(o => o.Refusal is not null),8:N0}  {kind.Max(o => o.Time).TotalSeconds:0.000} s");
        var slowest = outcomes.MaxBy(o => o.Time)!;
        Console.WriteLine($"slowest file: {slowest.FileName} ({slowest.Detail}) {slowest.Time.TotalSeconds:0.000} s, "
            + (slowest.IsRead ? $"read, {slowest.Tokens:N0} tokens" : $"refused: {slowest.Refusal ?? slowest.Crash}"));
        Console.WriteLine($"corpus tokenizer with skipBad, batches of {batch:N0}: "
            + (corpusProblems.Count == 0 ? "same files read and skipped as one by one" : $"{corpusProblems.Count} problems"));
    }

    /// <summary>A refusal without its file name and numbers, so that refusals for one reason group together.</summary>
    private static string Reason(string message, string fileName)
    {
        int at = message.IndexOf(fileName, StringComparison.Ordinal);
        string rest = at < 0 ? message : message[(at + fileName.Length)..].TrimStart(':', ' ');
        return Numbers().Replace(rest, "N");
    }

    private static bool Check(bool passed, string item, IEnumerable<string> examples)
    {
        Console.WriteLine($"{(passed ? "PASS" : "FAIL")} {item}");
        foreach (string example in examples)
            Console.WriteLine($"     {example}");
        return passed;
    }

    private static string Limits() =>
        $"{ReadLimits.MaxFileBytes:N0} bytes, {ReadLimits.MaxEvents:N0} events, {ReadLimits.MaxQuarters:N0} quarters, "
        + $"notes of {ReadLimits.MaxNoteQuarters:N0} quarters, {ReadLimits.MaxNotesStartingTogether:N0} notes together, "
        + $"{ReadLimits.MaxNotesPerMeasure:N0} a measure, {ReadLimits.MaxMeasures:N0} measures, {ReadLimits.MaxTokens:N0} tokens";

    [GeneratedRegex(@"\d[\d,.]*")]
    private static partial Regex Numbers();
}

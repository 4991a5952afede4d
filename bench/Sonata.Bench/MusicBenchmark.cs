using System.Diagnostics;
using System.Globalization;
using Sonata.Evaluation;
using Sonata.Generation;
using Sonata.Pieces;
using Sonata.Runs;
using Sonata.Runtime;

namespace Sonata.Bench;

/// <summary>
/// How each way of composing with a run does against the corpus, over many seeds: for each setting,
/// --count pieces (seeds --seed on) are generated and written, read back and judged against the
/// run's training pieces; the table gives each figure's median beside the corpus's range, and the
/// issue's bar: every median inside p10–p90, no piece whose final loop is over 10 %, no verbatim
/// copy over 16 tokens, the median inter-onset-interval distance no more than the corpus excerpts'
/// own median. Also the seconds a piece took to generate (the model loaded), and how often a piece
/// returns to its own material (<see cref="SelfReturn"/>) beside the corpus's excerpts.
///
///   music --run DIR [--count 20] [--seed 1] [--length 500] [--out bench-out/music] [--threads N]
///         [--settings "NAME:strategy=sample,t=1,p=0.95,k=40,w=0,copy=16,context=stream,offsets=model,tt=1,tp=0.95,key=0.5;NAME2:lab,…"]
/// Each setting starts from the library's defaults (GenerationOptions; with "lab", the lab's way:
/// GenerationOptions.Lab and steps of 0.5) and changes what it names: t, p, k the tokens'
/// temperature, top-p, top-k; tt, tp the timing's; w the memory's weight; cache the context
/// cache's largest share (0: none); copy the longest copy allowed (0: none); key the key pull's
/// factor (1: none). Default settings: "default:;lab:lab".
/// </summary>
internal static class MusicBenchmark
{
    private const string DefaultAndLab = "default:;lab:lab";

    public static int Run(string[] args)
    {
        string folder = Arguments.Option(args, "--run", "");
        int count = int.Parse(Arguments.Option(args, "--count", "20"), CultureInfo.InvariantCulture);
        int seed = int.Parse(Arguments.Option(args, "--seed", "1"), CultureInfo.InvariantCulture);
        int length = int.Parse(Arguments.Option(args, "--length", "500"), CultureInfo.InvariantCulture);
        string output = Arguments.Option(args, "--out", Path.Combine("bench-out", "music"));
        int threads = int.Parse(Arguments.Option(args, "--threads", TorchRuntime.DefaultThreads.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var settings = Arguments.Option(args, "--settings", DefaultAndLab).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Setting.Parse).ToList();

        var results = new List<(Setting Setting, FolderJudgement Judgement, double Seconds, int Refused)>();
        var returns = new List<double[]>();
        double[]? corpusReturns = null;
        foreach (var setting in settings)
        {
            // Opened with the memory weight the setting composes with, as sonata generate opens it.
            using var run = TrainedRun.Open(folder, new RunOpening
            {
                Device = DeviceChoice.Cpu, Threads = threads, MemoryWeight = setting.MemoryWeight, CacheWeight = setting.CacheWeight,
            });
            corpusReturns ??= SelfReturn.OfExcerpts(run.Judging!.Pieces, length + 100, seed);
            var request = setting.Request(run, seed, count, length, Path.Combine(output, setting.Name));
            var composer = new PieceComposer(run);
            var pieces = composer.ComposeAsync(request).GetAwaiter().GetResult();
            var judgement = composer.Judge(pieces) ?? throw new InvalidOperationException($"{folder} keeps no corpus-events.json to judge against");
            double seconds = pieces.Average(p => p.Generated.Seconds);
            results.Add((setting, judgement, seconds, pieces.Sum(p => p.Generated.CopiesRefused)));
            returns.Add([.. pieces.Select(p => SelfReturn.Share(p.Generated.Tokens, p.Generated.PrimerLength))]);
            int misread = pieces.Count(p => !p.Written.ReadsBackTheSame);
            foreach (var piece in pieces.Where(p => !p.Written.ReadsBackTheSame)) Console.WriteLine($"  {Difference(piece)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{setting.Name}: {count} pieces, {seconds:F2} s a piece to generate, {misread} read back otherwise, {results[^1].Refused} draws refused as copies"));
        }
        Console.WriteLine();
        Console.WriteLine(Table(results));
        Console.WriteLine(SelfReturn.Row(corpusReturns!, returns));
        return 0;
    }

    /// <summary>Where a piece's read-back first differs from what was written, with the tokens around it.</summary>
    private static string Difference(ComposedPiece piece)
    {
        var placed = piece.Written.Placed;
        var read = piece.Written.ReadBack;
        int at = Enumerable.Range(0, Math.Min(placed.Count, read.Count)).FirstOrDefault(i => placed[i].Token != read[i], Math.Min(placed.Count, read.Count));
        string Around(int from) => string.Join(' ', placed.Skip(Math.Max(0, from - 3)).Take(6)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Token}@{p.Start:0.###}-{p.End:0.###}")));
        return $"seed {piece.Seed}: token {at} of {placed.Count} written, {read.Count} read; written {Around(at)}; read {string.Join(' ', read.Skip(Math.Max(0, at - 3)).Take(6))}";
    }

    /// <summary>A markdown table: a row per figure, a column per setting (the median, ✗ where outside), then the bar.</summary>
    private static string Table(List<(Setting Setting, FolderJudgement Judgement, double Seconds, int Refused)> results)
    {
        var ranges = results[0].Judgement.Ranges.Single(r => r.ExcerptTokens == results[0].Judgement.Median.ExcerptTokens);
        var lines = new List<string>
        {
            $"| figure | corpus median (p10–p90) | {string.Join(" | ", results.Select(r => r.Setting.Name))} |",
            $"| --- | --- |{string.Concat(results.Select(_ => " --- |"))}",
        };
        foreach (var figure in Enum.GetValues<Figure>())
        {
            if (ranges.Of(figure) is not { } range) continue;
            string corpus = figure == Figure.LongestVerbatimCopy ? $"{F(range.Median)} (max {F(range.Max)})" : $"{F(range.Median)} ({F(range.P10)}–{F(range.P90)})";
            lines.Add($"| {figure} | {corpus} | {string.Join(" | ", results.Select(r => Median(r.Judgement, figure)))} |");
        }
        lines.Add($"| pieces with a final loop over 10 % | 0 | {string.Join(" | ", results.Select(r => r.Judgement.Pieces.Count(p => p.Figures.FinalLoopShare > 0.1).ToString(CultureInfo.InvariantCulture)))} |");
        lines.Add($"| longest verbatim copy, any piece | ≤ 16 | {string.Join(" | ", results.Select(r => r.Judgement.Pieces.Max(p => p.Figures.LongestCopy.Length).ToString(CultureInfo.InvariantCulture)))} |");
        lines.Add($"| median IOI distance ≤ corpus median {F(ranges.IntervalDistance.Median)} | | {string.Join(" | ", results.Select(r => IoiBar(r.Judgement, ranges)))} |");
        lines.Add($"| meets the bar | | {string.Join(" | ", results.Select(r => Meets(r.Judgement, ranges) ? "yes" : "no"))} |");
        lines.Add($"| seconds a piece (generation) | | {string.Join(" | ", results.Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))} |");
        return string.Join('\n', lines);
    }

    private static string Median(FolderJudgement judgement, Figure figure)
    {
        var verdict = judgement.Median.Verdicts.Single(v => v.Figure == figure);
        var values = judgement.Pieces.Select(p => p.Figures.Value(figure)).OfType<double>().Order().ToList();
        string spread = values.Count > 1 ? $" [{F(values[0])}–{F(values[^1])}]" : "";
        return verdict.Value is double v ? $"{F(v)}{(verdict.Outside ? " ✗" : "")}{spread}" : "–";
    }

    private static string IoiBar(FolderJudgement judgement, CorpusRanges ranges) =>
        judgement.Median.Verdicts.Single(v => v.Figure == Figure.IntervalDistance).Value is double d
            ? $"{F(d)} {(d <= ranges.IntervalDistance.Median + 1e-9 ? "yes" : "no")}" : "–";

    private static bool Meets(FolderJudgement judgement, CorpusRanges ranges) =>
        judgement.Median.Verdicts.All(v => !v.Outside)
        && judgement.Pieces.All(p => p.Figures.FinalLoopShare <= 0.1 && p.Figures.LongestCopy.Length <= 16)
        && judgement.Median.Verdicts.Single(v => v.Figure == Figure.IntervalDistance).Value <= ranges.IntervalDistance.Median + 1e-9;

    private static string F(double value) => value.ToString(Math.Abs(value) >= 10 ? "0" : "0.00", CultureInfo.InvariantCulture);

    /// <summary>One way of composing: "NAME:key=value,…".</summary>
    private sealed record Setting(string Name, Dictionary<string, string> Values)
    {
        public static Setting Parse(string text)
        {
            var parts = text.Split(':', 2);
            var values = (parts.Length > 1 ? parts[1] : "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0].Trim(), pair => pair.Length > 1 ? pair[1].Trim() : "", StringComparer.Ordinal);
            return new Setting(parts[0].Trim(), values);
        }

        private bool Lab => Values.ContainsKey("lab");

        private string? Get(string key) => Values.TryGetValue(key, out string? value) ? value : null;

        private double? Number(string key) => Get(key) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : null;

        /// <summary>The n-gram memory's share this setting composes with (null: the run's own).</summary>
        public double? MemoryWeight => Number("w") ?? GenerationOptions.For(Lab).MemoryWeight;

        /// <summary>The context cache's largest share this setting composes with (null: the run's own).</summary>
        public double? CacheWeight => Number("cache") ?? GenerationOptions.For(Lab).CacheWeight;

        /// <summary>The library's defaults (<c>lab</c>: the lab's way), with the options given.</summary>
        public CompositionRequest Request(TrainedRun run, int seed, int count, int length, string folder)
        {
            var defaults = GenerationOptions.For(Lab);
            var strategy = Get("strategy") switch { "greedy" => SamplingStrategy.Greedy, "sample" => SamplingStrategy.Sample, _ => defaults.Sampling.Strategy };
            var sampling = new SamplingOptions
            {
                Strategy = strategy,
                Temperature = Number("t") ?? defaults.Sampling.Temperature,
                TopP = Number("p"),
                TopK = Number("k") is { } k ? (int)k : null,
            };
            var timing = Number("tt") is { } tt ? new SamplingOptions { Strategy = SamplingStrategy.Sample, Temperature = tt, TopP = Number("tp") } : null;
            var piece = PieceOptions.For(run.ReadsTiming, Lab);
            return new CompositionRequest
            {
                Seed = seed,
                Count = count,
                Generation = defaults with
                {
                    Length = length,
                    Context = Get("context") switch { "window" => ContextMode.Window, "stream" => ContextMode.Stream, _ => defaults.Context },
                    Sampling = sampling,
                    Timing = timing,
                    MaxCopy = Number("copy") is { } copy ? (copy > 0 ? (int)copy : null) : defaults.MaxCopy,
                    MemoryWeight = MemoryWeight,
                    CacheWeight = CacheWeight,
                    KeyPull = Number("key") is { } key ? (key < 1 ? key : null) : defaults.KeyPull,
                },
                Piece = Get("offsets") is { } offsets ? piece with { Offsets = offsets == "model" ? null : OffsetPolicy.Parse(offsets, run.OnsetSteps) } : piece,
                Files = new PieceFiles(Path.Combine(folder, "piece.mid")),
            };
        }
    }
}

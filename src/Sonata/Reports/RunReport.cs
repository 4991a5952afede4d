using System.Text.Json;
using Sonata.Evaluation;
using Sonata.Midi;
using Sonata.Runs;
using Sonata.Tokenization;

namespace Sonata.Reports;

/// <summary>
/// A run and the pieces made with it, judged against the run's training pieces: what the report
/// page shows (<see cref="ReportPage"/>). Built from the library's records, never from a terminal's text.
/// </summary>
/// <param name="Run">The run.</param>
/// <param name="PiecesFolder">The folder the pieces were found in.</param>
/// <param name="Pieces">Each <c>*.mid</c> file of that folder, by name.</param>
/// <param name="CorpusPieces">How many training pieces the figures were judged against; null when none were (<see cref="FiguresMissing"/>).</param>
/// <param name="Ranges">The corpus's ranges used, one per primer and piece length.</param>
/// <param name="FiguresMissing">Why no piece has figures, when the run cannot judge them; else null.</param>
public sealed record RunReport(
    RunOverview Run, string PiecesFolder, IReadOnlyList<ReportPiece> Pieces, int? CorpusPieces,
    IReadOnlyList<CorpusRanges> Ranges, string? FiguresMissing)
{
    /// <summary>What a run trained on a tokens file lacks to judge pieces.</summary>
    public const string NoCorpusTiming =
        "The figures need the corpus's timing (the run's corpus-events.json), which a run trained on a tokens file does not keep: train on MIDI files (sonata train --data) to judge its pieces.";

    /// <summary>
    /// The report of <paramref name="run"/> and the pieces in <paramref name="piecesFolder"/>: each
    /// <c>*.mid</c> there with NAME.wav, NAME.png and NAME.piece.json when they exist, judged (with
    /// the primer length of its settings, else <see cref="FigureOptions.DefaultPrimerLength"/>)
    /// against the run's training pieces when the run keeps their timing.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">There is no <paramref name="piecesFolder"/>.</exception>
    public static RunReport Build(TrainedRun run, string piecesFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(piecesFolder);
        string folder = Path.GetFullPath(piecesFolder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"no pieces folder {folder}");
        var found = Directory.EnumerateFiles(folder, "*.mid", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
            .Order(StringComparer.Ordinal).Select(Found).ToList();
        var overview = RunOverview.Of(run);
        if (run.Judging is not { } corpus)
            return new RunReport(overview, folder, [.. found.Select(p => p with { NoFigures = NoCorpusTiming })], null, [], NoCorpusTiming);

        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var readable = new List<(TokenizedFile Tokens, int Primer)>();
        foreach (var piece in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int primer = piece.Settings?.PrimerLength ?? FigureOptions.DefaultPrimerLength;
            try
            {
                var tokens = new TokenizedFile(piece.Name, Music21Tokenizer.TokenizeFile(piece.Midi));
                if (tokens.Tokens.Count > primer) readable.Add((tokens, primer));
                else problems[piece.Name] = $"its {tokens.Tokens.Count} tokens hold none after the {primer}-token primer: nothing generated to judge";
            }
            catch (Exception e) when (e is MidiFormatException or IOException or FormatException)
            {
                problems[piece.Name] = $"its MIDI file cannot be read: {e.Message}";
            }
        }

        // One judgement per primer length (pieces of several lengths get the ranges of each).
        var judged = new Dictionary<string, PieceJudgement>(StringComparer.Ordinal);
        var ranges = new List<CorpusRanges>();
        foreach (var group in readable.GroupBy(r => r.Primer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var judgement = corpus.JudgeAll([.. group.Select(r => r.Tokens)], new FigureOptions(PrimerLength: group.Key));
                foreach (var piece in judgement.Pieces) judged[piece.Name] = piece;
                ranges.AddRange(judgement.Ranges);
            }
            catch (Exception e) when (e is EvaluationException or FormatException)
            {
                foreach (var (tokens, _) in group) problems[tokens.Key] = $"it cannot be judged: {e.Message}";
            }
        }
        var pieces = found.Select(p => p with { Judgement = judged.GetValueOrDefault(p.Name), NoFigures = problems.GetValueOrDefault(p.Name) }).ToList();
        return new RunReport(overview, folder, pieces, corpus.Pieces.Count,
            [.. ranges.OrderBy(r => r.PrimerLength).ThenBy(r => r.ExcerptTokens)], null);
    }

    /// <summary>A MIDI file and the files beside it.</summary>
    /// <exception cref="InvalidDataException">Its NAME.piece.json is not a piece's record.</exception>
    private static ReportPiece Found(string midi)
    {
        string? Beside(string extension) => File.Exists(Path.ChangeExtension(midi, extension)) ? Path.ChangeExtension(midi, extension) : null;
        PieceRecord? settings;
        try
        {
            settings = PieceRecord.ReadFor(midi);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{PieceRecord.FileFor(midi)} is not a piece's record ({e.Message})", e);
        }
        return new ReportPiece(Path.GetFileName(midi), midi, Beside(".wav"), Beside(".png"), settings, null, null);
    }
}

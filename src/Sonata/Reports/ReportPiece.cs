using Sonata.Evaluation;
using Sonata.Runs;

namespace Sonata.Reports;

/// <summary>A piece of the pieces folder, as the report shows it.</summary>
/// <param name="Name">Its MIDI file's name (<c>mozart-7.mid</c>): how evaluation names it too.</param>
/// <param name="Midi">The MIDI file.</param>
/// <param name="Wav">NAME.wav beside it, or null.</param>
/// <param name="PianoRoll">NAME.png beside it, or null.</param>
/// <param name="Settings">NAME.piece.json beside it (what made it), or null.</param>
/// <param name="Judgement">Its figures beside the run's corpus; null when it could not be judged (<see cref="NoFigures"/> says why).</param>
/// <param name="NoFigures">Why it has no figures, in words; null when it has them.</param>
public sealed record ReportPiece(
    string Name, string Midi, string? Wav, string? PianoRoll, PieceRecord? Settings, PieceJudgement? Judgement, string? NoFigures);

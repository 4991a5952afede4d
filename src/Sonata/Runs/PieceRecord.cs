using Sonata.IO;

namespace Sonata.Runs;

/// <summary>
/// How a piece was made, written beside its MIDI file as <c>NAME.piece.json</c> by
/// <see cref="PieceComposer"/>, so that a report can say which settings made which piece.
/// </summary>
/// <param name="Seed">The piece's seed (its primer window and its draws).</param>
/// <param name="Primer">Where its primer came from, in words.</param>
/// <param name="PrimerLength">Tokens of the primer.</param>
/// <param name="Generated">Tokens generated after it.</param>
/// <param name="Strategy">How tokens were picked, in words ("greedy", "sample (temperature 0.9, top-p 0.95)").</param>
/// <param name="Timing">How its steps and durations were chosen, in words ("the model's", "fixed steps of 0.5", "the corpus's steps").</param>
/// <param name="Context">How the model read its context: window or stream.</param>
/// <param name="MemoryWeight">The n-gram memory's share in each prediction.</param>
/// <param name="MaxCopy">The longest run it was allowed to copy from the training pieces; null: no limit.</param>
/// <param name="CopiesRefused">Draws turned away for copying too long a run.</param>
/// <param name="Model">The run's networks, in words.</param>
/// <param name="Checkpoint">The checkpoint file that generated it.</param>
/// <param name="Epoch">That checkpoint's epoch.</param>
/// <param name="Seconds">Seconds the generation took.</param>
public sealed record PieceRecord(
    int Seed, string Primer, int PrimerLength, int Generated, string Strategy, string Timing, string Context,
    double MemoryWeight, int? MaxCopy, int CopiesRefused, string Model, string Checkpoint, int Epoch, double Seconds)
{
    /// <summary>The key pull's factor (<see cref="Generation.GenerationOptions.KeyPull"/>); null: none, or a piece written before it existed.</summary>
    public double? KeyPull { get; init; }

    /// <summary>The context cache's largest share (0: none, or a piece written before it existed).</summary>
    public double CacheWeight { get; init; }

    /// <summary>Primer tokens outside the model's vocabulary, read as the nearest it knows (0 in a piece written before this existed).</summary>
    public int PrimerMapped { get; init; }

    /// <summary>How the piece is played: "the run's performer", or the velocity and tempo forced on it; empty in records of older pieces.</summary>
    public string Played { get; init; } = "";

    /// <summary>Each distinct primer token read as another: as which, and how often.</summary>
    public IReadOnlyList<Dataset.TokenSubstitution> PrimerSubstitutions { get; init; } = [];

    /// <summary>Where the record of the piece in <paramref name="midi"/> lies: beside it, NAME.piece.json.</summary>
    public static string FileFor(string midi) => Path.ChangeExtension(midi, ".piece.json");

    public void Write(string midi) => JsonFiles.Write(FileFor(midi), this);

    /// <summary>The record beside <paramref name="midi"/>, or null when there is none.</summary>
    public static PieceRecord? ReadFor(string midi) => File.Exists(FileFor(midi)) ? JsonFiles.Read<PieceRecord>(FileFor(midi)) : null;
}

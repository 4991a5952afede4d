using Sonata.Dataset;
using System.Text.Json;
using Sonata.IO;
using Sonata.Plots;
using Sonata.Tokenization;

namespace Sonata.Pieces;

/// <summary>
/// Writes a generated piece: its MIDI file, then what else is asked for (its tokens, its piano
/// roll, its WAV), each atomically, and reads the MIDI file back through the tokenizer to check
/// that it holds the tokens written. A missing or failing FluidSynth is reported in the result,
/// and everything else is still written.
/// </summary>
public static class PieceWriter
{
    /// <param name="tokens">The primer's tokens, then the generated ones.</param>
    /// <param name="primerLength">How many of <paramref name="tokens"/> are the primer (for the piano roll's title).</param>
    /// <param name="timing">Each token's step and duration in quarter notes (a rhythm-aware model's), written when <see cref="PieceOptions.Offsets"/> is null.</param>
    /// <param name="performance">How each token is played (a performer's), or null: as <see cref="PieceOptions.Midi"/> says.</param>
    public static async Task<WrittenPiece> WriteAsync(
        IReadOnlyList<string> tokens, int primerLength, PieceFiles files, PieceOptions options,
        (IReadOnlyList<double> Steps, IReadOnlyList<double> Durations)? timing = null, CancellationToken cancellationToken = default,
        IReadOnlyList<Performed>? performance = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var placed = options.Offsets is { } offsets ? Composer.Arrange(tokens, offsets, options.Seed)
            : timing is { } own ? TimedArrangement.Arrange(tokens, own.Steps, own.Durations)
            : throw new ArgumentException("a piece without steps and durations of its own needs an offset policy", nameof(timing));
        if (performance is not null)
        {
            if (performance.Count != placed.Count) throw new ArgumentException("each token is played once", nameof(performance));
            placed = [.. placed.Select((token, i) => performance[i].IsKnown ? token with { Velocity = performance[i].Velocity, Tempo = performance[i].Tempo } : token)];
        }
        // What --velocity and --tempo force is what the piece holds, so that its roll shows what plays.
        if (options.Midi.Velocity is { } velocity) placed = [.. placed.Select(t => t with { Velocity = velocity })];
        if (options.Midi.TempoBpm is not null) placed = [.. placed.Select(t => t with { Tempo = null })];
        Composer.WriteMidi(files.Midi, placed, options.Midi);
        if (files.Tokens is not null)
            AtomicFile.WriteAllText(files.Tokens, JsonSerializer.Serialize(tokens) + "\n");
        if (files.PianoRoll is not null)
            PianoRoll.SavePng(files.PianoRoll, placed, new PianoRollOptions
            {
                Title = $"{Path.GetFileName(files.Midi)}: {primerLength} primer + {tokens.Count - primerLength} generated tokens",
            });
        string? soundProblem = null;
        var rendering = System.Diagnostics.Stopwatch.StartNew();
        if (files.Wav is not null)
        {
            try
            {
                await WavRenderer.RenderAsync(files.Midi, files.Wav, options.Sound, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SoundToolMissingException or InvalidOperationException)
            {
                soundProblem = e.Message;
            }
        }
        var readBack = Music21Tokenizer.TokenizeFile(files.Midi).Select(t => t.Token).ToList();
        return new WrittenPiece(files, placed, readBack, soundProblem, files.Wav is null ? 0 : rendering.Elapsed.TotalSeconds);
    }
}

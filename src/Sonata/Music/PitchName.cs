namespace Sonata.Music;

/// <summary>
/// music21 pitch names ("C4", "E-5", "C#4", "B--2") to MIDI numbers and back.
/// C4 is MIDI 60; '#' raises and '-' lowers by a semitone, and may repeat ("##", "--").
/// </summary>
public static class PitchName
{
    // music21's default spelling of each pitch class, as in str(Pitch(midi=n)):
    // the corpus tokens use exactly these names.
    private static readonly string[] DefaultSpelling =
        ["C", "C#", "D", "E-", "E", "F", "F#", "G", "G#", "A", "B-", "B"];

    // Semitones above C of each natural step.
    private static int StepSemitones(char step) => step switch
    {
        'C' => 0, 'D' => 2, 'E' => 4, 'F' => 5, 'G' => 7, 'A' => 9, 'B' => 11,
        _ => -1,
    };

    /// <summary>The name of a pitch class (0 = C … 11 = B) in music21's spelling, e.g. "E-".</summary>
    public static string PitchClassName(int pitchClass) => DefaultSpelling[((pitchClass % 12) + 12) % 12];

    /// <summary>
    /// MIDI number → music21 name with octave, e.g. 60 → "C4", 63 → "E-4", 70 → "B-4".
    /// Notes below C0 (MIDI 0–11) get octave -1 as in music21 ("C-1"), which, like music21,
    /// reads back as a flat; a piano's range (21–108) round-trips exactly.
    /// </summary>
    public static string FromMidi(int midi)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(midi);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(midi, 127);
        int octave = (midi / 12) - 1;
        return DefaultSpelling[midi % 12] + octave.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>music21 name with octave → MIDI number; throws <see cref="FormatException"/> when it is not one.</summary>
    public static int ToMidi(string name) =>
        TryToMidi(name, out int midi) ? midi : throw new FormatException($"'{name}' is not a pitch name like C4, E-5 or C#3.");

    /// <summary>Parses a name like <see cref="ToMidi"/>; false when it is not a pitch name or lies outside MIDI 0–127.</summary>
    public static bool TryToMidi(string? name, out int midi)
    {
        midi = 0;
        if (string.IsNullOrEmpty(name)) return false;
        int step = StepSemitones(name[0]);
        if (step < 0) return false;

        // Accidentals: every '#' or '-' before the trailing digits (music21 reads "C-1" as C-flat 1).
        int i = 1, alter = 0;
        for (; i < name.Length && (name[i] == '#' || name[i] == '-'); i++)
            alter += name[i] == '#' ? 1 : -1;

        if (i == name.Length || name.Length - i > 2) return false;
        int octave = 0;
        for (; i < name.Length; i++)
        {
            if (name[i] < '0' || name[i] > '9') return false;
            octave = (octave * 10) + (name[i] - '0');
        }

        int value = ((octave + 1) * 12) + step + alter;
        if (value is < 0 or > 127) return false;
        midi = value;
        return true;
    }
}

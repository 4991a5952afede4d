namespace Sonata.Music;

/// <summary>Pitch names as music21 spells them: C4 is MIDI 60, black keys C#, E-, F#, G#, B-.</summary>
public static class PitchName
{
    private static readonly string[] Steps = ["C", "C#", "D", "E-", "E", "F", "F#", "G", "G#", "A", "B-", "B"];
    private static readonly string[] Names = Enumerable.Range(0, 128).Select(Spell).ToArray();

    /// <summary>music21's default spelling of a MIDI note number.</summary>
    public static string FromMidi(int midi) => midi is >= 0 and < 128 ? Names[midi] : Spell(midi);

    private static string Spell(int midi) =>
        Steps[((midi % 12) + 12) % 12] + ((int)Math.Floor(midi / 12.0) - 1);

    /// <summary>The MIDI number of a name such as <c>E-5</c>, <c>C#4</c>, <c>B--2</c> or <c>F##3</c>.</summary>
    public static int ToMidi(string name)
    {
        if (!TryToMidi(name, out int midi))
            throw new FormatException($"'{name}' is not a pitch name such as C4, E-5 or F#3");
        return midi;
    }

    public static bool TryToMidi(string name, out int midi)
    {
        midi = 0;
        if (string.IsNullOrEmpty(name))
            return false;
        int step = char.ToUpperInvariant(name[0]) switch
        {
            'C' => 0, 'D' => 2, 'E' => 4, 'F' => 5, 'G' => 7, 'A' => 9, 'B' => 11, _ => -1,
        };
        if (step < 0)
            return false;
        int i = 1, alter = 0;
        for (; i < name.Length && name[i] is '#' or '-'; i++)
            alter += name[i] == '#' ? 1 : -1;
        if (!int.TryParse(name.AsSpan(i), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out int octave))
            return false;
        midi = (octave + 1) * 12 + step + alter;
        return true;
    }
}

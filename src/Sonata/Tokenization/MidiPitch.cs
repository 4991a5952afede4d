namespace Sonata.Tokenization;

/// <summary>
/// The pitch music21 makes of a note event's pitch byte. A damaged file can hold any byte there,
/// 128..255 included; music21's reader keeps it, and its <c>Pitch.midi</c> setter folds a value
/// above 127 into the top octave (128 is 116, 145 is 121), so the note reads.
/// </summary>
internal static class MidiPitch
{
    public static int FromByte(int value)
    {
        if (value <= 127)
            return value;
        int folded = 108 + value % 12;
        return folded < 115 ? folded + 12 : folded;
    }
}

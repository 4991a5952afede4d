using Sonata.Music;

namespace Sonata.Dataset;

/// <summary>
/// Every token of a corpus moved by -5..+6 semitones (a note "E-5" up 2 is "F5"; a chord moves
/// each of its pitches, and its names are sorted again as music21's tokens sort them, so that a
/// moved chord is the token the same chord has anywhere else; names are music21's default spelling). Grows the
/// vocabulary deterministically: the corpus's tokens keep their ids, then, for each shift from -5
/// to +6 in turn, each token in id order adds its transposition if it is new. A pitch that would
/// leave MIDI 0..127 leaves its token untransposed.
/// </summary>
public static class Transpositions
{
    /// <summary>The lowest shift, in semitones.</summary>
    public const int Lowest = -5;

    /// <summary>Number of shifts, -5..+6 (0 included): one octave.</summary>
    public const int Count = 12;

    /// <summary>The token moved by <paramref name="semitones"/>, or null when a pitch would leave MIDI 0..127.</summary>
    public static string? Shift(string token, int semitones)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (semitones == 0) return token;
        string[] names = token.Split('.');
        for (int i = 0; i < names.Length; i++)
        {
            int midi = PitchName.ToMidi(names[i]) + semitones;
            if (midi is < 0 or > 127) return null;
            names[i] = PitchName.FromMidi(midi);
        }
        Array.Sort(names, StringComparer.Ordinal);
        return string.Join('.', names);
    }

    /// <summary>The corpus vocabulary followed by the new tokens of every transposition, in the order above.</summary>
    public static Vocabulary Grow(Vocabulary corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var tokens = new List<string>(corpus.Tokens);
        var seen = new HashSet<string>(corpus.Tokens, StringComparer.Ordinal);
        for (int shift = Lowest; shift < Lowest + Count; shift++)
        {
            foreach (string token in corpus.Tokens)
            {
                if (Shift(token, shift) is { } moved && seen.Add(moved)) tokens.Add(moved);
            }
        }
        return new Vocabulary(tokens);
    }

    /// <summary>
    /// The id of each corpus token under each shift, row-major (12, V_corpus): entry
    /// [(s + 5) · V_corpus + id] is the id of token id moved by s semitones in <paramref name="grown"/>.
    /// </summary>
    public static long[] Table(Vocabulary grown, int corpusCount)
    {
        ArgumentNullException.ThrowIfNull(grown);
        var table = new long[Count * corpusCount];
        for (int row = 0; row < Count; row++)
        {
            for (int id = 0; id < corpusCount; id++)
            {
                string? moved = Shift(grown.TokenOf(id), row + Lowest);
                table[(row * corpusCount) + id] = moved is null ? id : grown.IdOf(moved);
            }
        }
        return table;
    }
}

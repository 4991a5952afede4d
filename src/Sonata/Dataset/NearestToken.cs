using System.Numerics;
using Sonata.Music;

namespace Sonata.Dataset;

/// <summary>
/// Reads a token outside a vocabulary as the nearest one it holds, so that any music can be read
/// by a model: a primer from another piece, or music it is scored on. A chord token is a whole set
/// of pitches, so other music is full of chords a vocabulary never saw.
/// <para>
/// What a listener follows comes first: the top voice (the melody) and the bass, then the harmony
/// (which pitch classes sound), and only then the register and the exact octaves. Of the known
/// tokens, the one with the lowest cost is taken, the lower id on a tie:
/// 4 if the top pitch class differs, 3 if the bass's differs, 2 for each pitch class in one but
/// not the other, plus the distance of the top and of the bass in octaves (12 semitones = 1), plus
/// the pitches in one but not the other / 24. So a C8 the vocabulary lacks is read as C7 rather
/// than A7, and C3.E4.G4.C5 as C4.E4.G4.C5 (its harmony and melody, the bass an octave up) rather
/// than C3.G4.C5 (its third lost).
/// </para>
/// </summary>
public sealed class NearestToken
{
    private readonly Vocabulary _vocabulary;
    private readonly Shape?[] _known;
    private readonly Dictionary<string, string> _nearest = new(StringComparer.Ordinal);

    public NearestToken(Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;
        _known = [.. vocabulary.Tokens.Select(Shape.TryOf)];
        if (_known.All(k => k is null)) throw new ArgumentException("the vocabulary holds no note or chord", nameof(vocabulary));
    }

    /// <summary>The token itself when the vocabulary holds it, else the nearest it holds.</summary>
    /// <exception cref="FormatException">The token is not a note or chord of pitch names.</exception>
    public string Of(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_vocabulary.Contains(token)) return token;
        if (_nearest.TryGetValue(token, out string? found)) return found;
        var shape = Shape.TryOf(token) ?? throw new FormatException($"'{token}' is not a note or chord (pitch names like C4 joined by '.')");
        int best = -1;
        double bestCost = double.PositiveInfinity;
        for (int id = 0; id < _known.Length; id++)
        {
            if (_known[id] is not { } candidate) continue;
            double cost = Cost(shape, candidate);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = id;
            }
        }
        return _nearest[token] = _vocabulary.TokenOf(best);
    }

    /// <summary>Every token read (<see cref="Of"/>), and what was read in place of what, in order of first appearance.</summary>
    public TokenReading Read(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var read = new string[tokens.Count];
        var substitutions = new List<TokenSubstitution>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            read[i] = Of(tokens[i]);
            if (read[i] == tokens[i]) continue;
            if (index.TryGetValue(tokens[i], out int at)) substitutions[at] = substitutions[at] with { Count = substitutions[at].Count + 1 };
            else
            {
                index[tokens[i]] = substitutions.Count;
                substitutions.Add(new TokenSubstitution(tokens[i], read[i], 1));
            }
        }
        return new TokenReading(read, substitutions);
    }

    /// <summary>How far <paramref name="known"/> lies from <paramref name="wanted"/>, as the summary above weighs it.</summary>
    internal static double Cost(Shape wanted, Shape known) =>
        (wanted.Top % 12 != known.Top % 12 ? 4 : 0)
        + (wanted.Bass % 12 != known.Bass % 12 ? 3 : 0)
        + (2 * BitOperations.PopCount((uint)(wanted.PitchClasses ^ known.PitchClasses)))
        + ((Math.Abs(wanted.Top - known.Top) + Math.Abs(wanted.Bass - known.Bass)) / 12.0)
        + ((BitOperations.PopCount(wanted.Low ^ known.Low) + BitOperations.PopCount(wanted.High ^ known.High)) / 24.0);

    /// <summary>A token's pitches: its top and bass (MIDI), its pitch classes (12 bits) and its MIDI pitches (128 bits, low and high half).</summary>
    internal readonly record struct Shape(int Top, int Bass, int PitchClasses, ulong Low, ulong High)
    {
        public static Shape? TryOf(string token)
        {
            int top = -1, bass = 128, classes = 0;
            ulong low = 0, high = 0;
            foreach (string name in token.Split('.'))
            {
                if (!PitchName.TryToMidi(name, out int midi)) return null;
                top = Math.Max(top, midi);
                bass = Math.Min(bass, midi);
                classes |= 1 << (midi % 12);
                if (midi < 64) low |= 1UL << midi;
                else high |= 1UL << (midi - 64);
            }
            return new Shape(top, bass, classes, low, high);
        }
    }
}

/// <summary>Tokens as a model reads them (<see cref="NearestToken.Read"/>), and the substitutions made.</summary>
/// <param name="Tokens">Every token, or the nearest known one in its place.</param>
/// <param name="Substitutions">Each distinct unknown token, what it was read as and how often, in order of first appearance.</param>
public sealed record TokenReading(IReadOnlyList<string> Tokens, IReadOnlyList<TokenSubstitution> Substitutions)
{
    /// <summary>Tokens read as another.</summary>
    public int Mapped => Substitutions.Sum(s => s.Count);
}

/// <summary>A token outside a vocabulary (<paramref name="From"/>) read <paramref name="Count"/> times as <paramref name="To"/>.</summary>
public sealed record TokenSubstitution(string From, string To, int Count)
{
    public override string ToString() => $"{From} → {To}" + (Count > 1 ? $" (×{Count})" : "");
}

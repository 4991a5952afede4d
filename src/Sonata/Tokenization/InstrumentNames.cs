namespace Sonata.Tokenization;

/// <summary>
/// The instrument names music21 gives a MIDI program and finds in a track name. Only the names
/// matter to tokens: music21 merges tracks into parts by instrument name.
/// </summary>
internal static class InstrumentNames
{
    public const string Percussion = "Percussion";

    /// <summary>music21's instrument for each General MIDI program, by its default name.</summary>
    private static readonly string[] ProgramNames = BuildProgramNames();

    /// <summary>Lower-case words that music21 recognises in a name, to the instrument they name.</summary>
    private static readonly Dictionary<string, string> KnownNames = BuildKnownNames();

    public static string ForProgram(int program) =>
        program is >= 0 and < 128 ? ProgramNames[program] : throw new ArgumentOutOfRangeException(nameof(program));

    /// <summary>
    /// The instrument a track or instrument name mentions (the longest match; music21's
    /// <c>instrument.fromString</c>), or null where it names none.
    /// </summary>
    public static string? FindInName(string name)
    {
        var cleaned = new string(name.Replace('.', ' ').ToLowerInvariant()
            .Where(c => !char.IsPunctuation(c)).ToArray());
        var words = cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? best = null;
        for (int start = 0; start < words.Length; start++)
        {
            for (int length = 1; start + length <= words.Length; length++)
            {
                if (!KnownNames.TryGetValue(string.Join(' ', words, start, length), out var found))
                    continue;
                if (best is null || (WordCount(found) >= WordCount(best) && found != best))
                    best = found;
            }
        }
        return best;
    }

    private static int WordCount(string s) => s.Split(' ').Length;

    private static string[] BuildProgramNames()
    {
        var names = new string[128];
        void Set(string name, params int[] programs) { foreach (int p in programs) names[p] = name; }
        Set("Piano", 0, 1, 3);
        Set("Electric Piano", 2, 4, 5);
        Set("Harpsichord", 6); Set("Clavichord", 7); Set("Celesta", 8);
        Set("Glockenspiel", 9, 10, 112); Set("Vibraphone", 11); Set("Marimba", 12); Set("Xylophone", 13);
        Set("Tubular Bells", 14); Set("Dulcimer", 15);
        Set("Electric Organ", 16, 17, 18); Set("Pipe Organ", 19); Set("Reed Organ", 20);
        Set("Accordion", 21, 23); Set("Harmonica", 22);
        Set("Acoustic Guitar", 24, 25); Set("Electric Guitar", 26, 27, 28, 29, 30, 31);
        Set("Acoustic Bass", 32); Set("Electric Bass", 33, 34, 36, 37, 38, 39); Set("Fretless Bass", 35);
        Set("Violin", 40, 110); Set("Viola", 41); Set("Violoncello", 42); Set("Contrabass", 43);
        Set("StringInstrument", 44, 45, 48, 49, 50, 51); Set("Harp", 46); Set("Timpani", 47);
        Set("Choir", 52); Set("Voice", 53, 54);
        Set("Trumpet", 56, 59); Set("Trombone", 57); Set("Tuba", 58); Set("Horn", 60); Set("Brass", 61, 62, 63);
        Set("Soprano Saxophone", 64); Set("Alto Saxophone", 65); Set("Tenor Saxophone", 66);
        Set("Baritone Saxophone", 67); Set("Oboe", 68); Set("English Horn", 69); Set("Bassoon", 70);
        Set("Clarinet", 71); Set("Piccolo", 72); Set("Flute", 73); Set("Recorder", 74); Set("Pan Flute", 75, 76);
        Set("Shakuhachi", 77); Set("Whistle", 78); Set("Ocarina", 79);
        Set("Sitar", 104); Set("Banjo", 105); Set("Shamisen", 106); Set("Koto", 107); Set("Kalimba", 108);
        Set("Bagpipes", 109); Set("Shehnai", 111); Set("Agogo", 113); Set("Steel Drum", 114);
        Set("Woodblock", 115); Set("Taiko", 116); Set("Tom-Tom", 117);
        for (int p = 0; p < 128; p++)
            names[p] ??= "Sampler";
        return names;
    }

    /// <summary>
    /// The English names music21 looks for (a subset: its full lookup also has other languages and
    /// abbreviations), each to the default name of the instrument it stands for.
    /// </summary>
    private static Dictionary<string, string> BuildKnownNames()
    {
        string[] sameAsInstrument =
        [
            "Piano", "Harpsichord", "Clavichord", "Celesta", "Sampler", "Electric Piano", "Organ", "Pipe Organ",
            "Electric Organ", "Reed Organ", "Accordion", "Harmonica", "Violin", "Viola", "Violoncello", "Contrabass",
            "Harp", "Acoustic Guitar", "Electric Guitar", "Acoustic Bass", "Electric Bass", "Fretless Bass",
            "Mandolin", "Ukulele", "Banjo", "Lute", "Sitar", "Shamisen", "Koto", "Flute", "Piccolo", "Recorder",
            "Pan Flute", "Shakuhachi", "Whistle", "Ocarina", "Oboe", "English Horn", "Clarinet", "Bass Clarinet",
            "Bassoon", "Contrabassoon", "Saxophone", "Soprano Saxophone", "Alto Saxophone", "Tenor Saxophone",
            "Baritone Saxophone", "Bagpipes", "Shehnai", "Horn", "Trumpet", "Trombone", "Bass Trombone", "Tuba",
            "Percussion", "Vibraphone", "Marimba", "Xylophone", "Glockenspiel", "Church Bells", "Tubular Bells",
            "Gong", "Handbells", "Dulcimer", "Steel Drum", "Timpani", "Kalimba", "Woodblock", "Temple Block",
            "Castanets", "Maracas", "Vibraslap", "Cymbals", "Triangle", "Agogo", "Sleigh Bells", "Snare Drum",
            "Tenor Drum", "Bongo Drums", "Timbales", "Conga Drum", "Bass Drum", "Taiko", "Tambourine", "Whip",
            "Ratchet", "Siren", "Soprano", "Alto", "Tenor", "Baritone", "Bass", "Choir",
        ];
        var known = sameAsInstrument.ToDictionary(n => n.ToLowerInvariant(), n => n);
        (string Name, string Instrument)[] aliases =
        [
            ("pianoforte", "Piano"), ("guitar", "Acoustic Guitar"), ("cello", "Violoncello"), ("cellos", "Violoncello"),
            ("double bass", "Contrabass"), ("french horn", "Horn"), ("cor anglais", "English Horn"),
            ("strings", "StringInstrument"), ("string instrument", "StringInstrument"), ("voice", "Voice"),
            ("keyboard instrument", "Keyboard"), ("brass instrument", "Brass"), ("woodwind instrument", "Woodwind"),
            ("violins", "Violin"), ("violas", "Viola"), ("flutes", "Flute"), ("oboes", "Oboe"),
            ("clarinets", "Clarinet"), ("bassoons", "Bassoon"), ("trumpets", "Trumpet"), ("trombones", "Trombone"),
            ("tubas", "Tuba"), ("harps", "Harp"), ("saxophones", "Saxophone"), ("sopranos", "Soprano"),
            ("pno", "Piano"), ("pf", "Piano"), ("vln", "Violin"), ("vla", "Viola"), ("vc", "Violoncello"),
        ];
        foreach (var (name, instrument) in aliases)
            known[name] = instrument;
        return known;
    }
}

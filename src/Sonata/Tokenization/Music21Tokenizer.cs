using Sonata.Midi;
using Sonata.Music;

namespace Sonata.Tokenization;

/// <summary>
/// Lists the Notes and Chords of a MIDI file as music21 8.1.0 does with
/// <c>partitionByInstrument(converter.parse(file)).parts.stream().recurse()</c>: a note is its pitch
/// name, a chord the sorted set of its pitch names joined with '.'.
/// </summary>
public static class Music21Tokenizer
{
    /// <exception cref="MidiFormatException">
    /// The file cannot be read, whatever the reason: each failure is the file's refusal (<see cref="FileRefusal"/>).
    /// </exception>
    public static IReadOnlyList<TokenEvent> TokenizeFile(string path)
    {
        try
        {
            return Tokenize(MidiFileParser.Read(path), path);
        }
        catch (Exception e)
        {
            var refusal = FileRefusal.Of(path, e);
            if (ReferenceEquals(refusal, e))
                throw;
            throw refusal;
        }
    }

    public static IReadOnlyList<TokenEvent> Tokenize(MidiFileContent midi, string name = "MIDI data") =>
        Tokenize(midi, name, new TokenBudget(name));

    /// <param name="budget">The file's budget, whose <see cref="TokenBudget.Work"/> a test reads afterwards.</param>
    internal static IReadOnlyList<TokenEvent> Tokenize(MidiFileContent midi, string name, TokenBudget budget)
    {
        int tpq = midi.TicksPerQuarter;
        var noteTracks = Enumerable.Range(0, midi.Tracks.Count).Where(i => midi.Tracks[i].Any(e => e.IsNoteOn)).ToList();
        var conductor = midi.Tracks.Where(t => !t.Any(e => e.IsNoteOn)).SelectMany(t => t).ToList();
        var conductorSignatures = TimeSignatures(conductor, tpq);
        long conductorExtent = MaxMetaOffset(conductor, tpq, includeInstruments: false);

        var tracks = new List<InstrumentPartition.Track>(noteTracks.Count);
        foreach (int index in noteTracks)
        {
            var events = midi.Tracks[index];
            var notes = NotePairing.Pair(events);
            budget.CheckNotesStartingTogether(notes, tpq, index);
            var (elements, voicesRequired) = ChordGrouping.Group(notes, tpq, Quantizer.FinestDivisor, budget);
            Quantizer.Quantize(elements, tpq);
            foreach (var element in elements)
                budget.CheckNote(element, index);
            Meter meter;
            try
            {
                meter = Meter.From(conductorSignatures.Count > 0 ? conductorSignatures : TimeSignatures(events, tpq));
            }
            catch (FormatException e)
            {
                throw new MidiFormatException($"{name}: {e.Message}");
            }
            long extent = Math.Max(conductorExtent, MaxMetaOffset(events, tpq, includeInstruments: true));
            var arranged = MeasureLayout.Arrange(elements, meter, voicesRequired, extent, budget, index);
            tracks.Add(new InstrumentPartition.Track(arranged, TrackInstruments.Read(events, tpq)));
        }

        var parts = InstrumentPartition.Partition(tracks, budget);
        var tempo = TempoMap.Of(midi);
        var tokens = new List<TokenEvent>(parts.Sum(p => p.Count));
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts)
            foreach (var e in part.Where(e => e.IsPitched))
            {
                // One string per distinct token, not one per note: a corpus keeps millions of them.
                string text = Text(e);
                if (!texts.TryAdd(text, text))
                    text = texts[text];
                double offset = TimeUnits.ToQuarters(e.Offset);
                tokens.Add(new TokenEvent(text, offset, TimeUnits.ToQuarters(e.Duration)) { Velocity = e.Velocity, Tempo = tempo.At(offset) });
            }
        return tokens;
    }

    /// <summary>The token of a note or chord.</summary>
    public static string Text(IReadOnlyList<int> pitches, bool isChord)
    {
        if (!isChord)
            return PitchName.FromMidi(pitches[0]);
        var names = pitches.Select(PitchName.FromMidi).Distinct().ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return string.Join('.', names);
    }

    private static string Text(ScoreElement e) => Text(e.Pitches, e.IsChord);

    private static List<(long Offset, int Numerator, int Denominator)> TimeSignatures(
        IEnumerable<MidiEvent> events, int tpq) =>
        events.Where(e => e.IsMeta(MidiEvent.TimeSignatureMeta) && e.Payload.Length >= 2)
            .Select(e => (Quantizer.QuantizeOffset(e.Tick, tpq), (int)e.Payload.Span[0], 1 << Math.Min((int)e.Payload.Span[1], 30)))
            .ToList();

    /// <summary>The latest offset of the signatures, tempi and instruments music21 puts in a part.</summary>
    private static long MaxMetaOffset(IEnumerable<MidiEvent> events, int tpq, bool includeInstruments)
    {
        long max = 0;
        foreach (var e in events)
        {
            bool counts = e.Kind == MidiEventKind.Meta && e.Data1 is MidiEvent.TimeSignatureMeta or MidiEvent.TempoMeta or 0x59
                || includeInstruments && (e.Kind == MidiEventKind.ProgramChange
                    || e.Kind == MidiEventKind.Meta && e.Data1 is MidiEvent.TrackNameMeta or MidiEvent.InstrumentNameMeta);
            if (counts)
                max = Math.Max(max, Quantizer.QuantizeOffset(e.Tick, tpq));
        }
        return max;
    }
}

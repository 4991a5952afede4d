using System.Text;
using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>
/// Reads the instruments of a track as music21's <c>midiEventsToInstrument</c> does, then drops
/// the duplicates at one offset as its <c>instrument.deduplicate</c> does.
/// </summary>
internal static class TrackInstruments
{
    private const int PercussionChannel = 10;

    public static List<TrackInstrument> Read(IReadOnlyList<MidiEvent> events, int ticksPerQuarter)
    {
        var found = new List<(long Tick, TrackInstrument Instrument)>();
        foreach (var e in events)
        {
            var instrument = e.Kind switch
            {
                MidiEventKind.ProgramChange => FromProgram(e),
                MidiEventKind.Meta when e.Data1 is MidiEvent.TrackNameMeta or MidiEvent.InstrumentNameMeta => FromName(e),
                _ => null,
            };
            if (instrument is not null)
                found.Add((e.Tick, instrument));
        }
        // music21 removes duplicates before it quantizes, so instruments are grouped by tick.
        return Deduplicate(found)
            .Select(x => x.Instrument with { Offset = Quantizer.QuantizeOffset(x.Tick, ticksPerQuarter) })
            .ToList();
    }

    private static TrackInstrument FromProgram(MidiEvent e) =>
        e.Channel == PercussionChannel
            ? new TrackInstrument(0, InstrumentNames.Percussion, InstrumentNames.Percussion, null)
            : new TrackInstrument(0, InstrumentNames.ForProgram(e.Data1), InstrumentNames.ForProgram(e.Data1), null);

    private static TrackInstrument FromName(MidiEvent e)
    {
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(e.Payload.Span).Split('\0')[0].Trim();
        }
        catch (DecoderFallbackException)
        {
            return new TrackInstrument(0, null, null, null);
        }
        string? kind = decoded.Length == 0 ? null : InstrumentNames.FindInName(decoded);
        // music21 names a recognised instrument after the whole string it was found in.
        var instrument = new TrackInstrument(0, kind, kind is null ? null : decoded, null);
        if (decoded.Length == 0 || IsPlaceholder(decoded))
            return instrument;
        return e.Data1 == MidiEvent.TrackNameMeta
            ? instrument with { PartName = decoded }
            : instrument with { InstrumentName = decoded };
    }

    /// <summary>Names such as "Instrument 3" or "inst" that music21 does not keep.</summary>
    private static bool IsPlaceholder(string name)
    {
        var lower = name.ToLowerInvariant();
        static bool Digits(string s) => s.Length > 0 && s.All(char.IsDigit);
        return lower is "instrument" or "inst" || Digits(lower.Replace("instrument ", "")) || Digits(lower.Replace("inst ", ""));
    }

    private static List<(long Tick, TrackInstrument Instrument)> Deduplicate(
        List<(long Tick, TrackInstrument Instrument)> instruments)
    {
        var kept = new List<(long, TrackInstrument)>();
        foreach (var group in instruments.GroupBy(i => i.Tick).OrderBy(g => g.Key))
        {
            long tick = group.Key;
            var atOffset = group.Select(x => x.Instrument).ToList();
            var partNames = atOffset.Select(i => i.PartName).OfType<string>().Distinct().ToList();
            var instrumentNames = atOffset.Select(i => i.InstrumentName).OfType<string>().Distinct().ToList();
            if (atOffset.Count == 1 || partNames.Count > 1 || instrumentNames.Count > 1)
            {
                kept.AddRange(atOffset.Select(i => (tick, i)));
                continue;
            }
            var standard = (Part: partNames.FirstOrDefault(), Instrument: instrumentNames.FirstOrDefault());
            var kinds = atOffset.Select(i => i.Kind).Distinct().ToList();
            if (kinds.Count == 1)
                kept.Add((tick, atOffset[0] with { PartName = standard.Part, InstrumentName = standard.Instrument }));
            else
                kept.AddRange(atOffset.Where(i => i.Kind is not null)
                    .Select(i => (tick, i with { PartName = standard.Part, InstrumentName = standard.Instrument })));
        }
        return kept;
    }
}

/// <summary>
/// An instrument that a track's name, instrument name or program change sets at an offset.
/// <paramref name="Kind"/> is what music21 would make of it (null: its generic Instrument);
/// music21 merges tracks into parts by <paramref name="InstrumentName"/>.
/// </summary>
internal sealed record TrackInstrument(long Offset, string? Kind, string? InstrumentName, string? PartName);

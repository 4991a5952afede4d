namespace Sonata.Tokenization;

/// <summary>
/// Puts a quantized track into measures as music21 does after reading it (<c>makeMeasures</c>, then
/// <c>makeVoices</c> where the track needs voices, <c>makeTies</c>, <c>flattenUnnecessaryVoices</c>)
/// and flattens it again. What survives of that into the tokens: a note or chord that crosses a
/// barline becomes two (tied) elements, a note that finds no free voice is lost, and elements that
/// start together keep the order in which they were filed into measures and voices.
/// </summary>
internal sealed class MeasureLayout
{
    private readonly Meter _meter;
    private readonly List<Measure> _measures = [];
    private readonly List<ScoreElement> _pastTheEnd = [];
    private long _sequence;

    private MeasureLayout(Meter meter) => _meter = meter;

    /// <param name="elements">The track's elements, quantized, in the order they were created.</param>
    /// <param name="extent">The latest offset of anything else in the part (signatures, tempi).</param>
    /// <returns>The elements and their tied continuations in music21's flat order.</returns>
    public static List<ScoreElement> Arrange(
        IReadOnlyList<ScoreElement> elements, Meter meter, bool voicesRequired, long extent)
    {
        var layout = new MeasureLayout(meter);
        var sorted = elements
            .Select((e, creation) => (e, creation))
            .OrderBy(x => x.e.Offset).ThenBy(x => x.e.IsGrace ? 0 : 1).ThenBy(x => x.creation)
            .Select(x => x.e)
            .ToList();
        long end = Math.Max(extent, sorted.Count == 0 ? 0 : sorted.Max(e => e.Offset + e.Duration));
        layout.MakeMeasures(sorted, end);
        if (voicesRequired)
            foreach (var measure in layout._measures)
                layout.MakeVoices(measure);
        layout.MakeTies();
        foreach (var measure in layout._measures)
            layout.FlattenUnnecessaryVoices(measure);
        layout.RepositionMeasures();
        return layout.Flatten();
    }

    private void MakeMeasures(List<ScoreElement> sorted, long end)
    {
        for (long start = 0; ; )
        {
            _measures.Add(new Measure(start));
            start += _meter.BarLengthAt(start);
            if (start >= end)
                break;
        }

        int index = 0;
        foreach (var e in sorted)
        {
            while (index < _measures.Count && e.Offset >= BarEnd(_measures[index]))
                index++;
            if (index == _measures.Count)
            {
                _pastTheEnd.Add(e); // only a zero-length element exactly at the end gets here
                continue;
            }
            var measure = _measures[index];
            measure.Own.Insert(e.Offset - measure.Start, e, ref _sequence);
        }
    }

    private long BarEnd(Measure m) => m.Start + _meter.BarLengthAt(m.Start);

    /// <summary>music21's <c>Measure.makeVoices</c>: first free voice, as many voices as its overlap count.</summary>
    private void MakeVoices(Measure measure)
    {
        var notes = measure.Own.Sorted();
        int voiceCount = VoiceCounting.MaxOverlapGroup(notes);
        if (voiceCount <= 1)
            return;

        var voices = Enumerable.Range(0, voiceCount).Select(_ => new Measure.Container()).ToList();
        var voiceEnds = new long[voiceCount];
        foreach (var slot in notes)
        {
            int free = Array.FindIndex(voiceEnds, end => end <= slot.LocalOffset);
            if (free < 0)
                continue; // no free voice: music21 loses the note
            voices[free].Insert(slot.LocalOffset, slot.Element, ref _sequence);
            voiceEnds[free] = Math.Max(voiceEnds[free], slot.LocalOffset + slot.Element.Duration);
        }
        measure.Own.Slots.Clear();
        measure.Voices.AddRange(voices.Where(v => v.Slots.Count > 0));
    }

    /// <summary>music21's <c>makeTies</c>: split what crosses the barline, file the rest in the next measure.</summary>
    private void MakeTies()
    {
        for (int index = 0; index < _measures.Count; index++)
        {
            var measure = _measures[index];
            long bar = _meter.BarLengthAt(measure.Start);
            bool appended = index + 1 < _measures.Count;
            var next = appended ? _measures[index + 1] : new Measure(measure.Start + bar);
            bool nextHasVoices = next.Voices.Count > 0;
            bool hasVoices = measure.Voices.Count > 0;

            var bundle = hasVoices ? measure.Voices.ToList() : [measure.Own];
            foreach (var container in bundle)
            {
                foreach (var slot in container.Sorted())
                {
                    long endInBar = slot.LocalOffset + slot.Element.Duration;
                    if (endInBar <= bar || slot.LocalOffset >= bar)
                        continue;
                    var rest = slot.Element.SplitAt(bar - slot.LocalOffset);
                    Destination(next, hasVoices, nextHasVoices).Insert(0, rest, ref _sequence);
                    if (!appended)
                    {
                        _measures.Add(next);
                        appended = true;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Where music21 files a tied continuation. Its voices carry generated ids that never match the
    /// next measure's, so from voice to voice the continuation lands in the measure itself.
    /// </summary>
    private Measure.Container Destination(Measure next, bool hasVoices, bool nextHasVoices)
    {
        if (nextHasVoices)
            return hasVoices ? next.Own : next.Voices[0];
        if (!hasVoices)
            return next.Own;
        MoveNotesToVoice(next);
        return next.Voices[0];
    }

    private void MoveNotesToVoice(Measure measure)
    {
        var voice = new Measure.Container();
        foreach (var slot in measure.Own.Sorted())
            voice.Insert(slot.LocalOffset, slot.Element, ref _sequence);
        measure.Own.Slots.Clear();
        measure.Voices.Add(voice);
    }

    private void FlattenUnnecessaryVoices(Measure measure)
    {
        measure.Voices.RemoveAll(v => v.Slots.Count == 0);
        if (measure.Voices.Count != 1)
            return;
        foreach (var slot in measure.Voices[0].Sorted())
            measure.Own.Insert(slot.LocalOffset, slot.Element, ref _sequence);
        measure.Voices.Clear();
    }

    /// <summary>
    /// music21's <c>makeRests</c> ends by laying the measures end to end, each as long as what it
    /// holds: a measure that still holds something past its barline pushes the rest of the track later.
    /// </summary>
    private void RepositionMeasures()
    {
        long time = 0;
        foreach (var measure in _measures)
        {
            long bar = _meter.BarLengthAt(measure.Start);
            long held = measure.Voices.Append(measure.Own).Select(c => c.HighestTime).DefaultIfEmpty(0).Max();
            measure.Start = time;
            time += Math.Max(bar, held);
        }
    }

    /// <summary>Depth-first, voices before the measure's own notes; then sorted by offset, grace first.</summary>
    private List<ScoreElement> Flatten()
    {
        var flat = new List<(ScoreElement Element, long Offset, int Order)>();
        foreach (var measure in _measures)
        {
            foreach (var container in measure.Voices.Append(measure.Own))
                foreach (var slot in container.Sorted())
                    flat.Add((slot.Element, measure.Start + slot.LocalOffset, flat.Count));
        }
        var ordered = flat
            .OrderBy(x => x.Offset).ThenBy(x => x.Element.IsGrace ? 0 : 1).ThenBy(x => x.Order)
            .Select(x => { x.Element.Offset = x.Offset; return x.Element; })
            .ToList();
        ordered.AddRange(_pastTheEnd);
        return ordered;
    }
}

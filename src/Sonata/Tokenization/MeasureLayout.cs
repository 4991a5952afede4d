using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>
/// Puts a quantized track into measures as music21 does after reading it (<c>makeMeasures</c>, then
/// <c>makeVoices</c> where the track needs voices, <c>makeTies</c>, <c>flattenUnnecessaryVoices</c>,
/// <c>makeRests</c>) and flattens it again. What survives of that into the tokens: a note or chord
/// that crosses a barline becomes two (tied) elements; a note that finds no free voice is lost;
/// elements that start together keep the order in which they were filed into measures and voices;
/// and <c>makeRests</c> relays the measures end to end by their cached lengths, so a measure whose
/// tied chord left a stale length pushes the rest of the track later.
/// </summary>
internal sealed class MeasureLayout
{
    private readonly Meter _meter;
    private readonly TokenBudget _budget;
    private readonly List<Measure> _measures = [];
    private readonly List<ScoreElement> _pastTheEnd = [];
    private long _sequence;

    private MeasureLayout(Meter meter, TokenBudget budget) => (_meter, _budget) = (meter, budget);

    /// <param name="elements">The track's elements, quantized, in the order they were created.</param>
    /// <param name="extent">The latest offset of anything else in the part (signatures, tempi).</param>
    /// <param name="budget">Checked before the measures are made, and before the ties; counts the work of each step.</param>
    /// <param name="track">The track's index in the file, for a refusal's message.</param>
    /// <returns>The elements and their tied continuations in music21's flat order.</returns>
    public static List<ScoreElement> Arrange(
        IReadOnlyList<ScoreElement> elements, Meter meter, bool voicesRequired, long extent, TokenBudget budget, int track)
    {
        var layout = new MeasureLayout(meter, budget);
        var sorted = ScoreOrder.Sort(elements.Select((e, creation) => (e, creation)), x => x.e.Offset, x => x.e, x => x.creation)
            .Select(x => x.e)
            .ToList();
        long end = Math.Max(extent, sorted.Count == 0 ? 0 : sorted.Max(e => e.Offset + e.Duration));
        budget.CheckMeasures(meter.MeasuresUntil(end, ReadLimits.MaxMeasures), track);
        layout.MakeMeasures(sorted, end, budget, track);
        budget.AddTokens(layout.CountPieces(sorted));
        if (voicesRequired)
            foreach (var measure in layout._measures)
                layout.MakeVoices(measure);
        // Measures without voices reach makeTies with their length cached (what music21 reads
        // there is not known exactly; this is what its output shows).
        foreach (var measure in layout._measures.Where(m => m.Voices.Count == 0))
            measure.ReadHighestTime();
        layout.MakeTies();
        foreach (var measure in layout._measures)
            layout.FlattenUnnecessaryVoices(measure);
        foreach (var measure in layout._measures)
            layout.MakeRests(measure);
        layout.RepositionMeasures();
        return layout.Flatten();
    }

    private void MakeMeasures(List<ScoreElement> sorted, long end, TokenBudget budget, int track)
    {
        long previousBar = -1;
        for (long start = 0; ; )
        {
            long bar = _meter.BarLengthAt(start);
            _measures.Add(new Measure(start) { HasSignatureAtStart = bar != previousBar });
            _budget.Did();
            previousBar = bar;
            start += bar;
            if (start >= end)
                break;
        }

        int index = 0;
        foreach (var e in sorted)
        {
            _budget.Did();
            while (index < _measures.Count && e.Offset >= BarEnd(_measures[index]))
                index++;
            if (index == _measures.Count)
            {
                _pastTheEnd.Add(e); // only a zero-length element exactly at the end gets here
                continue;
            }
            var measure = _measures[index];
            measure.Own.Insert(e.Offset - measure.Start, e, ref _sequence);
            budget.CheckMeasureNotes(measure.Own.Slots.Count, track);
        }
    }

    /// <summary>
    /// How many elements the ties will cut <paramref name="sorted"/> into: one for each measure an
    /// element reaches into (fewer where music21 loses a note for want of a voice).
    /// </summary>
    private long CountPieces(List<ScoreElement> sorted)
    {
        long pieces = 0;
        foreach (var e in sorted)
        {
            int first = LastMeasureStartingAtOrBefore(e.Offset);
            bool reachesFurther = e.Duration > 0 && e.Offset < BarEnd(_measures[first]);
            pieces += reachesFurther ? LastMeasureStartingAtOrBefore(e.Offset + e.Duration - 1) - first + 1 : 1;
        }
        return pieces;
    }

    private int LastMeasureStartingAtOrBefore(long offset)
    {
        int low = 0, high = _measures.Count - 1;
        while (low < high)
        {
            int middle = low + (high - low + 1) / 2;
            if (_measures[middle].Start <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return low;
    }

    private long BarEnd(Measure m) => m.Start + _meter.BarLengthAt(m.Start);

    /// <summary>music21's <c>Measure.makeVoices</c>: first free voice, as many voices as its overlap count.</summary>
    private void MakeVoices(Measure measure)
    {
        var notes = measure.Own.Sorted();
        int voiceCount = VoiceCounting.MaxOverlapGroup(notes, _budget);
        if (voiceCount <= 1)
            return;

        var voices = Enumerable.Range(0, voiceCount).Select(_ => new Measure.Container()).ToList();
        foreach (var slot in notes)
        {
            // Reading each voice's highest time caches it, as music21's first-fit loop does.
            _budget.Did(voiceCount);
            var free = voices.FirstOrDefault(v => v.ReadHighestTime() <= slot.LocalOffset);
            if (free is null)
                continue; // no free voice: music21 loses the note
            free.Insert(slot.LocalOffset, slot.Element, ref _sequence);
            free.Cached = null;
        }
        measure.Own.Slots.Clear();
        measure.Voices.AddRange(voices.Where(v => v.Slots.Count > 0));
        measure.Changed();
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
                    _budget.Did();
                    long endInBar = slot.LocalOffset + slot.Element.Duration;
                    if (endInBar <= bar || slot.LocalOffset >= bar)
                        continue;
                    var rest = slot.Element.SplitAt(bar - slot.LocalOffset);
                    if (!slot.Element.IsChord)
                    {
                        container.Cached = null; // a note tells its container and, through it, the measure
                        measure.Changed();
                    }
                    next.Insert(Destination(next, hasVoices, nextHasVoices), 0, rest, ref _sequence);
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
        measure.Changed();
    }

    private void FlattenUnnecessaryVoices(Measure measure)
    {
        if (measure.Voices.RemoveAll(v => v.Slots.Count == 0) > 0)
            measure.Changed();
        if (measure.Voices.Count != 1)
            return;
        foreach (var slot in measure.Voices[0].Sorted())
            measure.Own.Insert(slot.LocalOffset, slot.Element, ref _sequence);
        measure.Voices.Clear();
        measure.Changed();
    }

    /// <summary>
    /// Where music21's <c>makeRests</c> fills a gap (at the start, between elements, or before the
    /// barline) it inserts a rest, which clears the cached length; where it finds none, a stale
    /// length survives. Rests themselves are not tokens.
    /// </summary>
    private void MakeRests(Measure measure)
    {
        long bar = _meter.BarLengthAt(measure.Start);
        foreach (var voice in measure.Voices)
        {
            long high = voice.ReadHighestTime();
            var spans = voice.Slots.Select(s => (s.LocalOffset, s.LocalOffset + s.Element.Duration));
            if (high < bar || HasGap(spans))
            {
                voice.Cached = null;
                measure.Changed();
            }
        }
        long measureHigh = measure.ReadHighestTime();
        var elements = measure.Voices.Select(v => (0L, v.ReadHighestTime()))
            .Concat(measure.Own.Slots.Select(s => (s.LocalOffset, s.LocalOffset + s.Element.Duration)))
            .Concat(measure.HasSignatureAtStart ? [(0L, 0L)] : []);
        if (measureHigh < bar || HasGap(elements))
            measure.Changed();
    }

    /// <summary>A gap before the first element or between elements, as music21's findGaps sees it.</summary>
    private static bool HasGap(IEnumerable<(long Offset, long End)> spans)
    {
        long reached = 0;
        bool any = false;
        foreach (var (offset, end) in spans.OrderBy(s => s.Offset))
        {
            if (offset > reached)
                return true;
            reached = Math.Max(reached, end);
            any = true;
        }
        return !any;
    }

    /// <summary>music21's <c>makeRests</c> lays the measures end to end, each as long as its highest time.</summary>
    private void RepositionMeasures()
    {
        long time = 0;
        foreach (var measure in _measures)
        {
            long bar = _meter.BarLengthAt(measure.Start);
            long length = measure.Own.Cached ?? Math.Max(bar, measure.ReadHighestTime());
            measure.Start = time;
            time += length;
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
        var ordered = ScoreOrder.Sort(flat, x => x.Offset, x => x.Element, x => x.Order)
            .Select(x => { x.Element.Offset = x.Offset; return x.Element; })
            .ToList();
        ordered.AddRange(_pastTheEnd);
        return ordered;
    }
}

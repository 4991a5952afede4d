using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>
/// Matches each note-on with the first later note-off of the same pitch and channel that no
/// earlier note-on took, as music21's <c>getNotesFromEvents</c> does; unmatched note-ons are dropped.
/// Notes pair by their pitch bytes; a pair's pitch is what music21 makes of the byte (<see cref="MidiPitch"/>).
/// </summary>
internal static class NotePairing
{
    public static List<NotePair> Pair(IReadOnlyList<MidiEvent> events)
    {
        // Note-offs by (channel, pitch) in track order. Note-ons come in track order too, so each
        // takes the first remaining note-off after it, and a skipped note-off is never wanted later.
        var offsByKey = new Dictionary<int, Queue<int>>();
        for (int i = 0; i < events.Count; i++)
        {
            if (!events[i].IsNoteOff)
                continue;
            int key = Key(events[i]);
            if (!offsByKey.TryGetValue(key, out var queue))
                offsByKey[key] = queue = new Queue<int>();
            queue.Enqueue(i);
        }

        var pairs = new List<NotePair>();
        for (int i = 0; i < events.Count; i++)
        {
            var on = events[i];
            if (!on.IsNoteOn || !offsByKey.TryGetValue(Key(on), out var offs))
                continue;
            while (offs.Count > 0 && offs.Peek() < i)
                offs.Dequeue();
            if (offs.Count == 0)
                continue;
            var off = events[offs.Dequeue()];
            pairs.Add(new NotePair(on.Tick, off.Tick, MidiPitch.FromByte(on.Data1), on.Channel, on.Data2));
        }
        return pairs;
    }

    private static int Key(MidiEvent e) => (e.Channel << 8) | (e.Data1 & 0xFF);
}

/// <summary>A note-on matched with its note-off, in ticks, with the note-on's velocity (1–127).</summary>
internal readonly record struct NotePair(long OnTick, long OffTick, int Pitch, int Channel, int Velocity = 64);

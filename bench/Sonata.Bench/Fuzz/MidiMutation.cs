namespace Sonata.Fuzz;

/// <summary>One mutated copy of a corpus file.</summary>
/// <param name="Index">Its number in the sequence of its seed: the same seed and index give the same bytes.</param>
/// <param name="Source">The corpus file it was made from.</param>
/// <param name="Detail">What was changed, for a person reproducing it.</param>
internal sealed record MidiMutation(int Index, string Source, MutationKind Kind, string Detail, byte[] Bytes)
{
    /// <summary>A file name that says where it came from, e.g. <c>00042-HugeDelta-piano_sonata_279.mid</c>.</summary>
    public string FileName => $"{Index:D5}-{Kind}-{Source}";
}

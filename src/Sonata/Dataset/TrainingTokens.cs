namespace Sonata.Dataset;

/// <summary>
/// The tokens a streaming recipe reads: the stretches of the corpus that training windows cover
/// (a window and its label), concatenated, and which of them are training labels. Under the lab's
/// split that is nearly the whole corpus; under a split by pieces, the held-out files are left
/// out, so their tokens are never even inputs. Every label keeps its window's L tokens of context
/// right before it, since a stretch is a union of whole windows.
/// </summary>
/// <param name="Ids">(M) token ids.</param>
/// <param name="IsTarget">(M) whether each token is the label of a training window.</param>
/// <param name="Positions">(M) where each token lies in the corpus.</param>
public sealed record TrainingTokens(long[] Ids, bool[] IsTarget, long[] Positions)
{
    /// <summary>The step and duration classes of these tokens, from the corpus's.</summary>
    public CorpusTiming TimingOf(CorpusTiming corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return new CorpusTiming([.. Positions.Select(p => corpus.Steps[p])], [.. Positions.Select(p => corpus.Durations[p])]);
    }

    public static TrainingTokens From(long[] ids, long[] trainStarts, int sequenceLength)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(trainStarts);
        var cover = new int[ids.Length + 1];    // difference array: windows covering each token
        var isLabel = new bool[ids.Length];
        foreach (long start in trainStarts)
        {
            cover[start]++;
            cover[start + sequenceLength + 1]--;
            isLabel[start + sequenceLength] = true;
        }
        var kept = new List<long>(ids.Length);
        var targets = new List<bool>(ids.Length);
        var positions = new List<long>(ids.Length);
        int covering = 0;
        for (int p = 0; p < ids.Length; p++)
        {
            covering += cover[p];
            if (covering == 0) continue;
            kept.Add(ids[p]);
            targets.Add(isLabel[p]);
            positions.Add(p);
        }
        return new TrainingTokens([.. kept], [.. targets], [.. positions]);
    }
}

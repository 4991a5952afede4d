using Sonata.Tokenization;

namespace Sonata.Evaluation;

/// <summary>
/// The corpus's pieces indexed once (a suffix automaton each) to find what a piece copies from
/// them: for every position of the piece, the longest run ending there that occurs token for token
/// in some piece of the corpus, and where it first occurs. A run never spans two corpus pieces.
/// </summary>
public sealed class VerbatimIndex
{
    /// <summary>Copies this long or longer count towards <see cref="VerbatimFigures.SharedRunShare"/>.</summary>
    public const int SharedRunLength = 16;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly SuffixAutomaton[] _automata;

    /// <summary>Indexes the pieces (their token strings), in order.</summary>
    public VerbatimIndex(IReadOnlyList<TokenizedFile> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        Keys = [.. pieces.Select(p => p.Key)];
        var texts = pieces.Select(p => p.Tokens.Select(e => _ids.TryGetValue(e.Token, out int id) ? id : _ids[e.Token] = _ids.Count).ToArray()).ToArray();
        _automata = new SuffixAutomaton[texts.Length];
        Parallel.For(0, texts.Length, i => _automata[i] = SuffixAutomaton.Build(texts[i]));
    }

    /// <summary>The keys of the indexed pieces, in order: a piece's index in <see cref="Find"/>'s <c>leaveOut</c>.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>
    /// What the generated part of <paramref name="tokens"/> (after its first <paramref name="seedTokens"/>)
    /// copies from the corpus. A copy is a run of the piece, ending inside the generated part, that
    /// occurs in a corpus piece; only its part after the seed counts, so a seed taken from the corpus
    /// adds nothing. The longest copy is the first of the longest (by where it ends in the piece, then
    /// by corpus piece order, then its first occurrence in that piece).
    /// </summary>
    /// <param name="leaveOut">The index of a corpus piece to leave out of the lookup (an excerpt of that piece).</param>
    public VerbatimFigures Find(IReadOnlyList<string> tokens, int seedTokens, int? leaveOut = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(seedTokens);
        int n = tokens.Count;
        int generated = Math.Max(0, n - seedTokens);
        if (generated == 0) return new VerbatimFigures(VerbatimCopy.None, 0);

        int[] query = [.. tokens.Select(t => _ids.GetValueOrDefault(t, -1))];
        var bestLength = new int[n];
        var bestPiece = new int[n];
        var bestEnd = new int[n];
        var lengths = new int[n];
        var ends = new int[n];
        for (int piece = 0; piece < _automata.Length; piece++)
        {
            if (piece == leaveOut) continue;
            _automata[piece].Match(query, lengths, ends);
            for (int j = seedTokens; j < n; j++)
            {
                if (lengths[j] <= bestLength[j]) continue;
                bestLength[j] = lengths[j];
                bestPiece[j] = piece;
                bestEnd[j] = ends[j];
            }
        }

        var longest = VerbatimCopy.None;
        var coverage = new int[n + 1];   // +1 where a shared run starts, -1 after it ends
        for (int j = seedTokens; j < n; j++)
        {
            int length = Math.Min(bestLength[j], j - seedTokens + 1);
            if (length > longest.Length)
                longest = new VerbatimCopy(length, j - length + 1, new CorpusPosition(Keys[bestPiece[j]], bestEnd[j] - length + 1));
            if (length >= SharedRunLength)
            {
                coverage[j - length + 1]++;
                coverage[j + 1]--;
            }
        }
        int covered = 0, depth = 0;
        for (int j = 0; j < n; j++)
        {
            depth += coverage[j];
            if (depth > 0) covered++;
        }
        return new VerbatimFigures(longest, (double)covered / generated);
    }
}

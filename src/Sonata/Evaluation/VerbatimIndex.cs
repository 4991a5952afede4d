using Sonata.Tokenization;

namespace Sonata.Evaluation;

/// <summary>
/// The corpus's pieces indexed once, to find what a piece copies from them: one suffix automaton
/// of all their tokens, each piece's after a separator, that gives for every position of a piece
/// the longest run ending there that occurs token for token in some corpus piece (a run never
/// spans two), and where it first occurs there, or first occurs outside a piece left out.
/// </summary>
public sealed class VerbatimIndex
{
    /// <summary>Copies this long or longer count towards <see cref="VerbatimFigures.SharedRunShare"/>.</summary>
    public const int SharedRunLength = 16;

    private const int Separator = -1;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly SuffixAutomaton _automaton;
    private readonly int[] _pieceOf;     // position of the indexed text → piece (the separator after a piece: that piece)
    private readonly int[] _pieceStart;  // piece → position of its first token in the text

    /// <summary>Indexes the pieces (their token strings), in order.</summary>
    public VerbatimIndex(IReadOnlyList<TokenizedFile> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        Keys = [.. pieces.Select(p => p.Key)];
        var text = new List<int>();
        var pieceOf = new List<int>();
        _pieceStart = new int[pieces.Count];
        for (int piece = 0; piece < pieces.Count; piece++)
        {
            _pieceStart[piece] = text.Count;
            foreach (var e in pieces[piece].Tokens)
                text.Add(_ids.TryGetValue(e.Token, out int id) ? id : _ids[e.Token] = _ids.Count);
            text.Add(Separator);
            pieceOf.AddRange(Enumerable.Repeat(piece, pieces[piece].Tokens.Count + 1));
        }
        _pieceOf = [.. pieceOf];
        _automaton = SuffixAutomaton.Build(text, _pieceOf);
    }

    /// <summary>The keys of the indexed pieces, in order: a piece's index in <see cref="Find"/>'s <c>leaveOut</c>.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>
    /// What the generated part of <paramref name="tokens"/> (after its first <paramref name="primerLength"/>)
    /// copies from the corpus. A copy is a run of the piece, ending inside the generated part, that
    /// occurs in a corpus piece; only its part after the primer counts, so a primer taken from the corpus
    /// adds nothing. The longest copy is the first of the longest by where it ends in the piece; its
    /// source is its first occurrence in corpus order (pieces in order, then positions).
    /// </summary>
    /// <param name="leaveOut">The index of a corpus piece to leave out of the lookup (an excerpt of that piece).</param>
    public VerbatimFigures Find(IReadOnlyList<string> tokens, int primerLength, int? leaveOut = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(primerLength);
        int n = tokens.Count;
        int generated = Math.Max(0, n - primerLength);
        if (generated == 0) return new VerbatimFigures(VerbatimCopy.None, 0);

        var longest = VerbatimCopy.None;
        var coverage = new int[n + 1];   // +1 where a shared run starts, -1 after it ends
        int state = 0, length = 0;
        for (int j = 0; j < n; j++)
        {
            _automaton.Read(ref state, ref length, _ids.GetValueOrDefault(tokens[j], Separator));
            if (j < primerLength) continue;
            var (matched, end) = Occurrence(state, length, leaveOut);
            int copied = Math.Min(matched, j - primerLength + 1);
            if (copied > longest.Length)
            {
                int piece = _pieceOf[end], start = end - copied + 1;
                longest = new VerbatimCopy(copied, j - copied + 1, new CorpusPosition(Keys[piece], start - _pieceStart[piece]));
            }
            if (copied >= SharedRunLength)
            {
                coverage[j - copied + 1]++;
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

    /// <summary>A tracker of the run a piece copies from the corpus, to follow it as the piece is written.</summary>
    public CopyTracker Track() => new(this);

    /// <summary>
    /// Follows a piece as it is written, token by token: how long a run ending at its last token
    /// occurs in the corpus's pieces, and whether a next token would lengthen it.
    /// </summary>
    public sealed class CopyTracker
    {
        private readonly VerbatimIndex _index;
        private int _state;
        private int _length;

        internal CopyTracker(VerbatimIndex index) => _index = index;

        /// <summary>The longest run ending at the last token appended that occurs in a corpus piece.</summary>
        public int Length => _length;

        public void Append(string token) => _index._automaton.Read(ref _state, ref _length, _index._ids.GetValueOrDefault(token, Separator));

        /// <summary>The run's length if <paramref name="token"/> were appended (nothing is appended).</summary>
        public int LengthAfter(string token)
        {
            int state = _state, length = _length;
            _index._automaton.Read(ref state, ref length, _index._ids.GetValueOrDefault(token, Separator));
            return length;
        }
    }

    /// <summary>
    /// The longest suffix of the match (<paramref name="state"/>, <paramref name="length"/>) that
    /// occurs outside the piece left out, and where it first ends there: shorter suffixes end at
    /// more positions, so the suffix links lead to the first that ends elsewhere.
    /// </summary>
    private (int Length, int End) Occurrence(int state, int length, int? leaveOut)
    {
        while (length > 0)
        {
            int first = _automaton.FirstEnd(state);
            if (_pieceOf[first] != leaveOut) return (length, first);
            int other = _automaton.OtherEnd(state);
            if (other >= 0) return (length, other);
            state = _automaton.Link(state);
            length = _automaton.Length(state);
        }
        return (0, -1);
    }
}

/// <summary>A place in a corpus: a file's key (its name, e.g. <c>piano_sonata_279.mid</c>) and a token position in it (0 = its first token).</summary>
public sealed record CorpusPosition(string FileKey, int Position);

/// <summary>What a piece's generated part shares verbatim with the corpus (see <see cref="VerbatimIndex.Find"/>).</summary>
/// <param name="Longest">The longest copy, and where it comes from.</param>
/// <param name="SharedRunShare">The share of generated tokens inside copies of <see cref="VerbatimIndex.SharedRunLength"/> tokens or more.</param>
public sealed record VerbatimFigures(VerbatimCopy Longest, double SharedRunShare);

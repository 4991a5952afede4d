namespace Sonata.Evaluation;

/// <summary>
/// The suffix automaton of a sequence of token ids: the smallest automaton that accepts every
/// stretch of the sequence, built in linear time (Blumer et al. 1985). Reading a query through it
/// (<see cref="Read"/>) gives, at every position, the longest stretch ending there that occurs in
/// the sequence. The sequence is cut into groups (a corpus's pieces): every state knows where its
/// stretches first end, and where they first end in another group than that.
/// </summary>
internal sealed class SuffixAutomaton
{
    // States: 0 is the start. A state stands for the stretches that end at the same positions of
    // the text; _length is the longest of them, _link the state of the longest suffix that also ends
    // elsewhere (a shorter stretch). _firstEnd is the first position where they end, _otherEnd the
    // first in a group other than _firstEnd's (-1: none).
    private readonly List<int> _length;
    private readonly List<int> _link;
    private int[] _firstEnd = [];
    private int[] _otherEnd = [];

    // Transitions (state, token) → state; and each state's tokens as linked edges, to copy them when
    // a state is cloned.
    private readonly Dictionary<long, int> _next;
    private readonly List<int> _head;
    private readonly List<int> _edgeToken;
    private readonly List<int> _edgeNext;

    /// <summary>An automaton with the start state only, with room for a text of <paramref name="textLength"/>.</summary>
    private SuffixAutomaton(int textLength)
    {
        // A text of n tokens makes at most 2n states and 3n transitions.
        _length = new List<int>(2 * textLength + 1) { 0 };
        _link = new List<int>(2 * textLength + 1) { -1 };
        _head = new List<int>(2 * textLength + 1) { -1 };
        _next = new Dictionary<long, int>(3 * textLength);
        _edgeToken = new List<int>(3 * textLength);
        _edgeNext = new List<int>(3 * textLength);
    }

    /// <summary>
    /// The automaton of <paramref name="text"/> (token ids; a negative id is a separator that no
    /// query reads), whose position i belongs to group <paramref name="groupOf"/>[i].
    /// </summary>
    public static SuffixAutomaton Build(IReadOnlyList<int> text, IReadOnlyList<int> groupOf)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(groupOf);
        var automaton = new SuffixAutomaton(text.Count);
        var endsHere = new List<int>(2 * text.Count + 1) { -1 };   // the position a state was made for; -1 for clones
        int last = 0;
        for (int position = 0; position < text.Count; position++)
            last = automaton.Extend(last, text[position], position, endsHere);
        automaton.FindEnds(endsHere, groupOf);
        return automaton;
    }

    /// <summary>The longest stretch a state stands for.</summary>
    public int Length(int state) => _length[state];

    /// <summary>The state of the longest suffix of its stretches that ends at more positions.</summary>
    public int Link(int state) => _link[state];

    /// <summary>The first position of the text where the state's stretches end (-1 for the start state).</summary>
    public int FirstEnd(int state) => _firstEnd[state];

    /// <summary>The first position where they end in a group other than <see cref="FirstEnd"/>'s; -1 if none.</summary>
    public int OtherEnd(int state) => _otherEnd[state];

    /// <summary>
    /// Reads one more token of a query: from (<paramref name="state"/>, <paramref name="length"/>),
    /// the longest stretch ending at the previous token that occurs in the text, to the longest
    /// ending at this one. Start with (0, 0). A negative token matches nothing.
    /// </summary>
    public void Read(ref int state, ref int length, int token)
    {
        if (token < 0)
        {
            state = length = 0;
            return;
        }
        // Follow suffix links (ever shorter stretches) until one can be extended by the token.
        while (true)
        {
            if (_next.TryGetValue(Key(state, token), out int target))
            {
                state = target;
                length++;
                return;
            }
            if (state == 0)
            {
                length = 0;
                return;
            }
            state = _link[state];
            length = _length[state];
        }
    }

    private int Extend(int last, int token, int position, List<int> endsHere)
    {
        int current = AddState(_length[last] + 1, link: -1);
        endsHere.Add(position);
        int state = last;
        while (state != -1 && !_next.ContainsKey(Key(state, token)))
        {
            SetTransition(state, token, current);
            state = _link[state];
        }
        if (state == -1)
        {
            _link[current] = 0;
            return current;
        }

        int target = _next[Key(state, token)];
        if (_length[state] + 1 == _length[target])
        {
            _link[current] = target;
            return current;
        }

        // Split: a clone of target for its shorter stretches, which now also end at this position.
        int clone = AddState(_length[state] + 1, _link[target]);
        endsHere.Add(-1);
        for (int edge = _head[target]; edge != -1; edge = _edgeNext[edge])
            SetTransition(clone, _edgeToken[edge], _next[Key(target, _edgeToken[edge])]);
        while (state != -1 && _next[Key(state, token)] == target)
        {
            _next[Key(state, token)] = clone;
            state = _link[state];
        }
        _link[target] = clone;
        _link[current] = clone;
        return current;
    }

    /// <summary>
    /// A state's stretches end where those of the states linking to it end, and where it was made:
    /// gathers the first end, and the first in another group, from the longest states down.
    /// </summary>
    private void FindEnds(List<int> endsHere, IReadOnlyList<int> groupOf)
    {
        int count = _length.Count;
        _firstEnd = [.. endsHere];
        _otherEnd = new int[count];
        Array.Fill(_otherEnd, -1);

        // States by decreasing length (a counting sort): each comes before the state it links to.
        var order = new int[count];
        var byLength = new int[_length.Max() + 2];
        foreach (int length in _length) byLength[length + 1]++;
        for (int i = 1; i < byLength.Length; i++) byLength[i] += byLength[i - 1];
        for (int state = 0; state < count; state++) order[byLength[_length[state]]++] = state;

        for (int i = count - 1; i > 0; i--)
        {
            int state = order[i], parent = _link[state];
            Merge(parent, _firstEnd[state], groupOf);
            Merge(parent, _otherEnd[state], groupOf);
        }
    }

    /// <summary>Adds an end position to what a state knows: its first end, and its first in another group.</summary>
    private void Merge(int state, int end, IReadOnlyList<int> groupOf)
    {
        if (end < 0) return;
        int first = _firstEnd[state];
        if (first < 0 || end < first)
        {
            // The new first end. If the old one lies in another group it is now the other group's
            // first end; if in the same group, the other group's first end stays as it was.
            if (first >= 0 && groupOf[first] != groupOf[end]) _otherEnd[state] = first;
            _firstEnd[state] = end;
        }
        else if (groupOf[end] != groupOf[first] && (_otherEnd[state] < 0 || end < _otherEnd[state]))
        {
            _otherEnd[state] = end;
        }
    }

    private int AddState(int length, int link)
    {
        _length.Add(length);
        _link.Add(link);
        _head.Add(-1);
        return _length.Count - 1;
    }

    private void SetTransition(int state, int token, int target)
    {
        if (!_next.TryAdd(Key(state, token), target))
        {
            _next[Key(state, token)] = target;
            return;
        }
        _edgeToken.Add(token);
        _edgeNext.Add(_head[state]);
        _head[state] = _edgeToken.Count - 1;
    }

    private static long Key(int state, int token) => ((long)state << 32) | (uint)token;
}

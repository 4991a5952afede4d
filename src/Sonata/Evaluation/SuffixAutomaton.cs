namespace Sonata.Evaluation;

/// <summary>
/// The suffix automaton of one sequence of token ids: the smallest automaton that accepts every
/// stretch of the sequence, built in linear time (Blumer et al. 1985). Reading a query through it
/// gives, at every position, the longest stretch ending there that occurs in the sequence, and
/// where that stretch first occurs.
/// </summary>
internal sealed class SuffixAutomaton
{
    // States: 0 is the start. Each state stands for the stretches that end at the same positions;
    // _length is the longest of them, _link the state of its longest suffix that ends elsewhere too,
    // _firstEnd where the first occurrence of its stretches ends.
    private readonly List<int> _length = [0];
    private readonly List<int> _link = [-1];
    private readonly List<int> _firstEnd = [-1];

    // Transitions (state, token) → state; and each state's tokens, to copy them when a state is cloned.
    private readonly Dictionary<long, int> _next = [];
    private readonly List<List<int>?> _tokens = [null];

    private SuffixAutomaton() { }

    /// <summary>The automaton of <paramref name="text"/> (token ids ≥ 0).</summary>
    public static SuffixAutomaton Build(IReadOnlyList<int> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var automaton = new SuffixAutomaton();
        int last = 0;
        for (int position = 0; position < text.Count; position++)
            last = automaton.Extend(last, text[position], position);
        return automaton;
    }

    /// <summary>
    /// For each position j of <paramref name="query"/>: the length of the longest stretch ending at j
    /// that occurs in the text, and the position in the text where its first occurrence ends (-1 for
    /// length 0). Tokens absent from the text (any negative id) match nothing.
    /// </summary>
    public void Match(IReadOnlyList<int> query, Span<int> lengths, Span<int> ends)
    {
        int state = 0, length = 0;
        for (int j = 0; j < query.Count; j++)
        {
            int token = query[j];
            while (state != 0 && !_next.ContainsKey(Key(state, token)))
            {
                state = _link[state];
                length = _length[state];
            }
            if (_next.TryGetValue(Key(state, token), out int target))
            {
                state = target;
                length++;
            }
            else
            {
                state = 0;
                length = 0;
            }
            lengths[j] = length;
            ends[j] = length == 0 ? -1 : _firstEnd[state];
        }
    }

    private int Extend(int last, int token, int position)
    {
        int current = AddState(_length[last] + 1, link: -1, position);
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

        // Split: a clone of target for the shorter stretches, which now also end at this position.
        int clone = AddState(_length[state] + 1, _link[target], _firstEnd[target]);
        foreach (int t in _tokens[target] ?? [])
            SetTransition(clone, t, _next[Key(target, t)]);
        while (state != -1 && _next[Key(state, token)] == target)
        {
            _next[Key(state, token)] = clone;
            state = _link[state];
        }
        _link[target] = clone;
        _link[current] = clone;
        return current;
    }

    private int AddState(int length, int link, int firstEnd)
    {
        _length.Add(length);
        _link.Add(link);
        _firstEnd.Add(firstEnd);
        _tokens.Add(null);
        return _length.Count - 1;
    }

    private void SetTransition(int state, int token, int target)
    {
        if (_next.TryAdd(Key(state, token), target))
            (_tokens[state] ??= []).Add(token);
        else
            _next[Key(state, token)] = target;
    }

    private static long Key(int state, int token) => ((long)state << 32) | (uint)token;
}

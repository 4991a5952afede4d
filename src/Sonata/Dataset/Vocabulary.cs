using System.Security.Cryptography;
using System.Text;
using Sonata.IO;

namespace Sonata.Dataset;

/// <summary>
/// Token ↔ id. Ids are given in order of first appearance over the corpus, files in order, so
/// the same corpus always gives the same ids. Saved as <c>vocab.json</c>:
/// <c>{"tokens": ["E4.G4", "C3", ...]}</c>, where a token's id is its index.
/// </summary>
public sealed class Vocabulary
{
    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    public Vocabulary(IEnumerable<string> tokensInIdOrder)
    {
        _tokens = tokensInIdOrder.ToArray();
        _ids = new Dictionary<string, int>(_tokens.Length, StringComparer.Ordinal);
        for (int id = 0; id < _tokens.Length; id++)
        {
            if (!_ids.TryAdd(_tokens[id], id))
                throw new ArgumentException($"token '{_tokens[id]}' appears twice in the vocabulary");
        }
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', _tokens))))[..12];
    }

    /// <summary>Number of distinct tokens (V).</summary>
    public int Count => _tokens.Length;

    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>First 12 hex digits of the SHA-256 of the tokens in id order: names a vocabulary in messages.</summary>
    public string Fingerprint { get; }

    public int IdOf(string token) =>
        _ids.TryGetValue(token, out int id) ? id : throw new KeyNotFoundException($"token '{token}' is not in the vocabulary");

    public bool Contains(string token) => _ids.ContainsKey(token);

    public string TokenOf(int id) => _tokens[id];

    /// <summary>"668 tokens, #1a2b3c4d5e6f": how messages name this vocabulary.</summary>
    public override string ToString() => $"{Count} tokens, #{Fingerprint}";

    /// <summary>Whether both hold the same tokens with the same ids.</summary>
    public bool SameAs(Vocabulary other) => _tokens.AsSpan().SequenceEqual(other._tokens);

    /// <summary>The vocabulary of a corpus: ids in order of first appearance, files in order.</summary>
    public static Vocabulary Build(IEnumerable<(string FileName, IReadOnlyList<string> Tokens)> files)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (_, tokens) in files)
        {
            foreach (string token in tokens)
            {
                if (seen.Add(token)) order.Add(token);
            }
        }
        return new Vocabulary(order);
    }

    /// <summary>The ids of the tokens of every file, concatenated in file order.</summary>
    public long[] Encode(IEnumerable<(string FileName, IReadOnlyList<string> Tokens)> files) =>
        files.SelectMany(file => file.Tokens).Select(token => (long)IdOf(token)).ToArray();

    public void Save(string path) => JsonFiles.Write(path, new VocabularyJson(_tokens));

    public static Vocabulary Load(string path) => new(JsonFiles.Read<VocabularyJson>(path).Tokens);

    private sealed record VocabularyJson(IReadOnlyList<string> Tokens);
}

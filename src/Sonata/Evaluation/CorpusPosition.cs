namespace Sonata.Evaluation;

/// <summary>A place in a corpus: a file's key (its name, e.g. <c>piano_sonata_279.mid</c>) and a token position in it (0 = its first token).</summary>
public sealed record CorpusPosition(string FileKey, int Position);

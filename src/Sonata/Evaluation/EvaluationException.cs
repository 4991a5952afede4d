namespace Sonata.Evaluation;

/// <summary>A piece or corpus that cannot be judged, with a message that says why and what to do.</summary>
public sealed class EvaluationException(string message) : Exception(message);

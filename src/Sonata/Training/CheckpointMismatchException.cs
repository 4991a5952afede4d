namespace Sonata.Training;

/// <summary>A checkpoint that another vocabulary, model shape or data split made: resuming it would be wrong.</summary>
public sealed class CheckpointMismatchException(string message) : Exception(message);

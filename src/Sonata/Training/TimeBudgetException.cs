namespace Sonata.Training;

/// <summary>A time budget too small for one epoch on this machine; the message names the smallest that would fit.</summary>
public sealed class TimeBudgetException(string message) : Exception(message);

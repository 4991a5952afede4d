namespace Sonata.Generation;

/// <summary>A progress report from <see cref="Generator"/>: <paramref name="Generated"/> of <paramref name="Total"/> new tokens done.</summary>
public sealed record GenerationProgress(int Generated, int Total);

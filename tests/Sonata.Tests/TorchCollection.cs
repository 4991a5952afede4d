namespace Sonata.Tests;

/// <summary>
/// Tests that use torch run one at a time: torch's random generator and thread count are
/// process-wide, and a run's exact weights depend on them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}

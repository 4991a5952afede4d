using Sonata.Data;
using Sonata.Model;

namespace Sonata.Training;

/// <summary>Every option of a training run: what config.json holds and each checkpoint repeats.</summary>
public sealed record TrainingConfig
{
    /// <summary>
    /// The <see cref="ITrainingRecipe.Name"/> that trains: "streams" (the default: the fastest to
    /// the lab's accuracy on a CPU, see <see cref="StreamsRecipe"/>) or "lab" (<see cref="LabRecipe"/>).
    /// </summary>
    public string Recipe { get; init; } = "streams";

    /// <summary>Where the tokens came from (a file, the corpus), for the record.</summary>
    public string TokenSource { get; init; } = "";

    public DataOptions Data { get; init; } = new();

    public ModelOptions Model { get; init; } = new();

    public TrainingOptions Training { get; init; } = new();

    /// <summary>Batch shape of the "streams" recipe (unused by the lab's).</summary>
    public StreamsOptions Streams { get; init; } = new();
}

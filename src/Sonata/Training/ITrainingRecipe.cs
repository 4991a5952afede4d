using Sonata.Model;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>
/// How an epoch turns the training split into losses: which inputs a batch holds, what state
/// carries from batch to batch, and which outputs the loss is taken on. <see cref="LabRecipe"/>
/// is the lab's; another recipe (longer chunks, a loss at every step) plugs in here, while
/// optimizer, clipping, evaluation and checkpoints stay the <see cref="Trainer"/>'s.
/// </summary>
public interface ITrainingRecipe : IDisposable
{
    /// <summary>Which recipe this is (config.json and checkpoints record it).</summary>
    Recipe Kind { get; }

    /// <summary>Batches in one full epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>Starts an epoch: a new batch order drawn from <paramref name="shuffleSeed"/>, and zeroed carried state.</summary>
    void BeginEpoch(long shuffleSeed);

    /// <summary>
    /// Runs each of the model's members forward on batch <paramref name="batch"/> of the epoch and
    /// returns the sum of their scalar losses: back-propagated, it gives each member the gradient
    /// of its own loss. Called inside the caller's dispose scope.
    /// </summary>
    Tensor Loss(MusicModel model, int batch);
}

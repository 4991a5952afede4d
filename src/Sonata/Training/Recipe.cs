namespace Sonata.Training;

/// <summary>How an epoch walks the training split (see <see cref="TrainingRecipes"/>).</summary>
public enum Recipe
{
    /// <summary>
    /// Contiguous streams of chunks, the LSTM state carried, a loss at every step whose target is
    /// a training label (<see cref="StreamsRecipe"/>): the fastest to the lab's accuracy on a CPU.
    /// </summary>
    Streams,

    /// <summary>The lab's shuffled batches of windows, one loss per window (<see cref="LabRecipe"/>).</summary>
    Lab,

    /// <summary>
    /// Shuffled stretches of a window's length, each read whole with no state carried, a loss at
    /// every position whose target is a training label (<see cref="StretchesRecipe"/>): the
    /// attending network's recipe.
    /// </summary>
    Stretches,
}

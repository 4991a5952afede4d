using Sonata.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>One optimizer step, the body of the training loop (shared with the benchmark).</summary>
public static class TrainingStep
{
    /// <summary>zero grad → forward → loss → backward → clip → step, in a dispose scope; returns the loss.</summary>
    public static double Run(MusicLstm model, optim.Optimizer optimizer, ITrainingRecipe recipe, int batch, double clipNorm)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var loss = recipe.Loss(model, batch);
        loss.backward();
        nn.utils.clip_grad_norm_(model.parameters(), clipNorm);
        optimizer.step();
        return loss.item<float>();
    }
}

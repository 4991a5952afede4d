using Sonata.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>One optimizer step, the body of the training loop (shared with the benchmark).</summary>
public static class TrainingStep
{
    /// <summary>
    /// zero grad → forward → loss → backward → clip → step, in a dispose scope; returns the loss
    /// (the members' mean). Each member's gradient is clipped on its own, as if it trained alone.
    /// </summary>
    public static double Run(MusicModel model, optim.Optimizer optimizer, ITrainingRecipe recipe, int batch, double clipNorm)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var loss = recipe.Loss(model, batch);
        loss.backward();
        foreach (var member in model.Members) nn.utils.clip_grad_norm_(member.parameters(), clipNorm);
        optimizer.step();
        return loss.item<float>() / model.Members.Count;
    }
}

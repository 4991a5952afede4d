using Sonata.Data;
using Sonata.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>Loss and accuracy of a model on a split, in eval mode, as the lab scores validation and test.</summary>
public static class Evaluator
{
    /// <summary>
    /// Mean negative log-likelihood and accuracy (share of windows whose most likely next token is
    /// the label) over <paramref name="windows"/>, in batches of <paramref name="batchSize"/>. Every
    /// window is read from a zero LSTM state, so a score depends on neither the batch size nor the
    /// order of the windows. With a <paramref name="memory"/>, the predictions
    /// are the network's blended with the n-gram memory's, and the network's own accuracy is
    /// reported beside. <paramref name="onBatch"/> is told each batch done.
    /// </summary>
    public static SplitScore Evaluate(
        MusicModel model, MemoryBlend? memory, TokenWindows data, long[] windows, int batchSize, Device device,
        int? maxBatches, Action<int, int>? onBatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var batches = WindowBatches.InOrder(windows, batchSize);
        int count = Math.Min(batches.Count, maxBatches ?? int.MaxValue);
        bool wasTraining = model.training;
        model.eval();
        double lossSum = 0;
        long correct = 0, networkCorrect = 0, seen = 0;
        try
        {
            using var noGrad = torch.no_grad();
            for (int b = 0; b < count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var (inputs, labels) = data.Batch(batches[b], device);                      // (B, L), (B,)
                var (networkLogProbabilities, _, _) = model.forward(inputs, null);         // (B, V)
                var logProbabilities = memory is null ? networkLogProbabilities
                    : memory.Apply(networkLogProbabilities, inputs);                  // (B, V)
                networkCorrect += networkLogProbabilities.argmax(1).eq(labels).sum().item<long>();
                lossSum += nn.functional.nll_loss(logProbabilities, labels, reduction: nn.Reduction.Sum).item<float>();
                correct += logProbabilities.argmax(1).eq(labels).sum().item<long>();     // (B,) → count
                seen += labels.shape[0];
                onBatch?.Invoke(b + 1, count);
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return seen == 0
            ? new SplitScore(double.NaN, double.NaN, memory is null ? null : double.NaN)
            : new SplitScore(lossSum / seen, (double)correct / seen, memory is null ? null : (double)networkCorrect / seen);
    }
}

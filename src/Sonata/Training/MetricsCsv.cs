using System.Globalization;
using System.Text;

namespace Sonata.Training;

/// <summary>
/// metrics.csv: <c>epoch,train_loss,val_loss,val_accuracy,seconds,network_val_accuracy,train_seconds,batches,val_step_accuracy</c>,
/// a row per epoch; network_val_accuracy is empty for a model without a memory, val_step_accuracy for one without timing.
/// </summary>
public static class MetricsCsv
{
    public const string Header = "epoch,train_loss,val_loss,val_accuracy,seconds,network_val_accuracy,train_seconds,batches,val_step_accuracy";

    public static string Format(IEnumerable<EpochMetrics> history)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var m in history)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{m.Epoch},{m.TrainLoss:F6},{m.ValLoss:F6},{m.ValAccuracy:F6},{m.Seconds:F1},{m.NetworkValAccuracy:F6},{m.TrainSeconds:F1},{m.Batches},{m.ValStepAccuracy:F6}\n");
        }
        return csv.ToString();
    }
}

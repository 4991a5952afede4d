using System.Globalization;
using System.Text;

namespace Sonata.Training;

/// <summary>metrics.csv: <c>epoch,train_loss,val_loss,val_accuracy,seconds</c>, a row per epoch.</summary>
public static class MetricsCsv
{
    public const string Header = "epoch,train_loss,val_loss,val_accuracy,seconds";

    public static string Format(IEnumerable<EpochMetrics> history)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var m in history)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{m.Epoch},{m.TrainLoss:F6},{m.ValLoss:F6},{m.ValAccuracy:F6},{m.Seconds:F1}\n");
        }
        return csv.ToString();
    }
}

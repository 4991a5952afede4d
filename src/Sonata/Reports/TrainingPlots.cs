using ScottPlot;
using Sonata.Training;

namespace Sonata.Reports;

/// <summary>The run folder's charts, as PNG bytes: loss.png and accuracy.png.</summary>
public static class TrainingPlots
{
    private const int Width = 800;
    private const int Height = 500;

    /// <summary>Training and validation loss against epoch.</summary>
    public static byte[] Loss(IReadOnlyList<EpochMetrics> history)
    {
        var plot = new Plot();
        double[] epochs = history.Select(m => (double)m.Epoch).ToArray();
        plot.Add.Scatter(epochs, history.Select(m => m.TrainLoss).ToArray()).LegendText = "training";
        plot.Add.Scatter(epochs, history.Select(m => m.ValLoss).ToArray()).LegendText = "validation";
        plot.ShowLegend();
        return Render(plot, "Loss (negative log-likelihood)", "loss");
    }

    /// <summary>Validation accuracy against epoch, and the network's alone when a memory is blended in.</summary>
    public static byte[] Accuracy(IReadOnlyList<EpochMetrics> history)
    {
        var plot = new Plot();
        double[] epochs = history.Select(m => (double)m.Epoch).ToArray();
        plot.Add.Scatter(epochs, history.Select(m => m.ValAccuracy).ToArray()).LegendText = "validation";
        if (history.Any(m => m.NetworkValAccuracy is not null))
            plot.Add.Scatter(epochs, history.Select(m => m.NetworkValAccuracy ?? double.NaN).ToArray()).LegendText = "validation, network alone";
        plot.ShowLegend();
        return Render(plot, "Validation accuracy", "accuracy");
    }

    private static byte[] Render(Plot plot, string title, string yLabel)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel(yLabel);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}

using ScottPlot;

namespace Sonata.Plots;

/// <summary>A run's charts against epoch, as PNG bytes: loss.png and accuracy.png.</summary>
public static class TrainingPlots
{
    private const int Width = 800;
    private const int Height = 500;

    /// <summary>Training and validation loss against epoch.</summary>
    public static byte[] Loss(double[] epochs, double[] trainLoss, double[] valLoss)
    {
        var plot = new Plot();
        plot.Add.Scatter(epochs, trainLoss).LegendText = "training";
        plot.Add.Scatter(epochs, valLoss).LegendText = "validation";
        plot.ShowLegend();
        return Render(plot, "Loss (negative log-likelihood)", "loss");
    }

    /// <summary>Validation accuracy against epoch, and the network's alone (NaN where unknown) when a memory is blended in.</summary>
    public static byte[] Accuracy(double[] epochs, double[] valAccuracy, double[]? networkValAccuracy)
    {
        var plot = new Plot();
        plot.Add.Scatter(epochs, valAccuracy).LegendText = "validation";
        if (networkValAccuracy is not null)
            plot.Add.Scatter(epochs, networkValAccuracy).LegendText = "validation, network alone";
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

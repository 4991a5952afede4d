using System.Globalization;

namespace Sonata.Model;

/// <summary>Sizes of <see cref="MusicLstm"/> (the vocabulary size comes from the data), and its dropout.</summary>
public sealed record ModelOptions
{
    /// <summary>Width of each token's embedding. Lab: 64.</summary>
    public int EmbeddingSize { get; init; } = 64;

    /// <summary>Width of the LSTM's hidden state and of the dense layer after it. Lab: 256.</summary>
    public int HiddenSize { get; init; } = 256;

    /// <summary>Stacked LSTM layers. Lab: 3.</summary>
    public int Layers { get; init; } = 3;

    /// <summary>
    /// Dropout probability between the LSTM layers and on the LSTM's output before the head, in
    /// training mode only (it holds no weights, so checkpoints of any dropout load alike). Lab: 0.
    /// </summary>
    public double Dropout { get; init; }

    /// <summary>
    /// Networks of this shape trained side by side, each on its own loss, their probabilities
    /// averaged (<see cref="MusicEnsemble"/>). Lab: 1.
    /// </summary>
    public int Members { get; init; } = 1;

    /// <summary>
    /// Share of the <see cref="NGramMemory"/> of the training labels in the model's predictions
    /// (validation, test, generation): p = (1 − w) · p_network + w · p_memory. It holds no
    /// weights; it is counted again from the run's training split. Lab: 0 (the network alone).
    /// </summary>
    public double MemoryWeight { get; init; }

    /// <summary>The longest context, in tokens, the memory counts.</summary>
    public int MemoryOrder { get; init; } = 12;

    /// <summary>"embedding 64, hidden 256, 3 layers": how messages name a model shape.</summary>
    public override string ToString() =>
        $"embedding {EmbeddingSize}, hidden {HiddenSize}, {Layers} layer{(Layers == 1 ? "" : "s")}" +
        (Dropout > 0 ? string.Create(CultureInfo.InvariantCulture, $", dropout {Dropout}") : "") +
        (Members > 1 ? $", {Members} members" : "") +
        (MemoryWeight > 0 ? string.Create(CultureInfo.InvariantCulture, $", memory {MemoryWeight} of order {MemoryOrder}") : "");
}

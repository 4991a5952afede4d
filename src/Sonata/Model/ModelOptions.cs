using System.Globalization;

namespace Sonata.Model;

/// <summary>Sizes of <see cref="MusicLstm"/> (the vocabulary size comes from the data), its dropout and how many train side by side.</summary>
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

    /// <summary>The lab's network (tokens only) or the rhythm-aware one (tokens with their steps and durations).</summary>
    public NetworkKind Network { get; init; } = NetworkKind.Lab;

    /// <summary>
    /// Networks of this shape trained side by side, each on its own loss, their probabilities
    /// averaged (<see cref="MusicEnsemble"/>). Lab: 1.
    /// </summary>
    public int Members { get; init; } = 1;

    /// <summary>Attention heads of each block of the attending network (<see cref="NetworkKind.Transformer"/>); unused by the LSTMs.</summary>
    public int AttentionHeads { get; init; } = 4;

    /// <summary>Whether the networks read each token's step and duration (and predict them).</summary>
    public bool ReadsTiming => Network is NetworkKind.Rhythm or NetworkKind.Transformer;

    /// <summary>Whether the networks are LSTMs (the lab's or the rhythm-aware one), which carry a state from token to token.</summary>
    public bool IsRecurrent => Network is NetworkKind.Lab or NetworkKind.Rhythm;

    /// <summary>"embedding 64, hidden 256, 3 layers": how messages name a model shape.</summary>
    public override string ToString() =>
        (Network == NetworkKind.Transformer
            ? $"attending, width {HiddenSize}, {AttentionHeads} heads, {Layers} layer{(Layers == 1 ? "" : "s")}"
            : (Network == NetworkKind.Rhythm ? "rhythm-aware, " : "") + $"embedding {EmbeddingSize}, hidden {HiddenSize}, {Layers} layer{(Layers == 1 ? "" : "s")}") +
        (Dropout > 0 ? string.Create(CultureInfo.InvariantCulture, $", dropout {Dropout}") : "") +
        (Members > 1 ? $", {Members} members" : "");
}

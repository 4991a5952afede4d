using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sonata.Model;

/// <summary>
/// One pre-norm decoder block of <see cref="RhythmTransformer"/>: causal self-attention, then a
/// feed-forward layer, each read through a LayerNorm and added back to its input.
/// <code>
///   x → x + Dropout(Attention(LayerNorm(x)) + bias)     bias (heads, L, L): ALiBi distances, −∞ ahead
///   x → x + Dropout(Linear(4D, D) · GELU · Linear(D, 4D) · LayerNorm(x))
/// </code>
/// </summary>
public sealed class TransformerBlock : Module<Tensor, Tensor, Tensor>
{
    private readonly int _heads;

    // Field names are the state-dict keys (checkpoints, safetensors export): do not rename.
#pragma warning disable IDE1006
    private readonly LayerNorm attention_norm;
    private readonly Linear query_key_value;
    private readonly Linear attention_output;
    private readonly LayerNorm feed_forward_norm;
    private readonly Linear feed_forward_in;
    private readonly Linear feed_forward_out;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public TransformerBlock(int width, int heads, double dropoutProbability) : base(nameof(TransformerBlock))
    {
        if (width % heads != 0) throw new ArgumentOutOfRangeException(nameof(heads), heads, $"the width {width} splits into whole heads");
        _heads = heads;
        attention_norm = LayerNorm(width);
        query_key_value = Linear(width, 3 * width);
        attention_output = Linear(width, width);
        feed_forward_norm = LayerNorm(width);
        feed_forward_in = Linear(width, 4 * width);
        feed_forward_out = Linear(4 * width, width);
        dropout = Dropout(dropoutProbability);
        RegisterComponents();
    }

    /// <summary><paramref name="x"/> (B, L, D) and the attention bias (heads, L, L) → (B, L, D).</summary>
    public override Tensor forward(Tensor x, Tensor bias)
    {
        long batch = x.shape[0], length = x.shape[1], width = x.shape[2];
        using var normed = attention_norm.forward(x);
        using var qkv = query_key_value.forward(normed)                                     // (B, L, 3D)
            .view(batch, length, 3, _heads, width / _heads).permute(2, 0, 3, 1, 4);           // (3, B, heads, L, D/heads)
        using var attended = nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], bias);   // (B, heads, L, D/heads)
        using var joined = attended.transpose(1, 2).reshape(batch, length, width);           // (B, L, D)
        using var projected = attention_output.forward(joined);
        using var afterAttention = x + dropout.forward(projected);                           // (B, L, D)
        using var normed2 = feed_forward_norm.forward(afterAttention);
        using var widened = feed_forward_in.forward(normed2);                                // (B, L, 4D)
        using var activated = nn.functional.gelu(widened);
        using var narrowed = feed_forward_out.forward(activated);                            // (B, L, D)
        return afterAttention + dropout.forward(narrowed);
    }
}

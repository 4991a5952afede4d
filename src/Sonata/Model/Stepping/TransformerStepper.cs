using Sonata.Dataset;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Model.Stepping;

/// <summary>
/// <see cref="RhythmTransformer"/> read one token at a time: it keeps the events read and, when
/// asked, runs the network (with torch, in eval mode, without gradients) over the last
/// <paramref name="contextLength"/> of them, once a position, then asks its heads. An attending
/// network holds no state, so this is the window the lab reads, and nothing more.
/// </summary>
internal sealed class TransformerStepper(RhythmTransformer network, int contextLength) : NetworkStepper
{
    private readonly List<long> _tokens = [], _steps = [], _durations = [];
    private Tensor? _output;             // (1, D): the last position's output over what was read; null: not run yet

    public override int VocabularySize => network.VocabularySize;

    public override void Read(long token, long step, long duration)
    {
        _tokens.Add(token);
        _steps.Add(step);
        _durations.Add(duration);
        Forget();
    }

    public override void Reset()
    {
        _tokens.Clear();
        _steps.Clear();
        _durations.Clear();
        Forget();
    }

    public override void Tokens(Span<float> into) => Ask((heads, _) => heads.StepSummedTokens(), into);

    public override void Steps(Span<float> into) => Ask((heads, _) => heads.Steps(), into);

    public override void TokensGiven(long step, Span<float> into) =>
        Ask((heads, device) => heads.TokensGiven(torch.tensor(new[] { step }, device: device)), into);

    public override void DurationsGiven(long step, long token, Span<float> into) =>
        Ask((heads, device) => heads.DurationsGiven(torch.tensor(new[] { step }, device: device), torch.tensor(new[] { token }, device: device)), into);

    private delegate Tensor Head(RhythmHeads heads, Device device);

    /// <summary>One head's (1, K) log-probabilities at the last position, into <paramref name="into"/> (K).</summary>
    private void Ask(Head head, Span<float> into)
    {
        if (_tokens.Count == 0) throw new InvalidOperationException("read at least one token before asking what follows");
        using var scope = torch.NewDisposeScope();
        using var mode = new EvalMode(network);
        using var noGrad = torch.no_grad();
        var output = Output();
        head(network.HeadsAt(output), output.device).to(torch.CPU).data<float>().CopyTo(into);
    }

    /// <summary>The network's output at the last position, run once after each token read.</summary>
    private Tensor Output()
    {
        if (_output is not null) return _output;
        int count = Math.Min(contextLength, _tokens.Count), from = _tokens.Count - count;
        var device = network.parameters().First().device;
        Tensor Row(List<long> values) => torch.tensor(values.GetRange(from, count).ToArray(), device: device).unsqueeze(0);   // (1, L)
        using var scope = torch.NewDisposeScope();
        _output = network.LastOutput(new Contexts(Row(_tokens), Row(_steps), Row(_durations))).DetachFromDisposeScope();   // (1, D)
        return _output;
    }

    private void Forget()
    {
        _output?.Dispose();
        _output = null;
    }
}

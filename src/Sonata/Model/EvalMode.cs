using static TorchSharp.torch;

namespace Sonata.Model;

/// <summary>Puts a module in eval mode, and back in the mode it was in.</summary>
internal readonly struct EvalMode : IDisposable
{
    private readonly nn.Module _model;
    private readonly bool _wasTraining;

    public EvalMode(nn.Module model)
    {
        _model = model;
        _wasTraining = model.training;
        if (_wasTraining) model.eval();
    }

    public void Dispose()
    {
        if (_wasTraining) _model.train();
    }
}

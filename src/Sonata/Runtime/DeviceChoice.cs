namespace Sonata.Runtime;

/// <summary>Where tensors live: <c>Auto</c> takes CUDA when libtorch sees a GPU, else the CPU.</summary>
public enum DeviceChoice
{
    Auto,
    Cpu,
    Cuda,
}

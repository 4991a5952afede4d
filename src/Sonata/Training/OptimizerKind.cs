namespace Sonata.Training;

/// <summary>Which optimizer steps the weights.</summary>
public enum OptimizerKind
{
    /// <summary>RMSprop, the lab's (its weight decay an L2 term of the gradient).</summary>
    RmsProp,

    /// <summary>AdamW (Loshchilov and Hutter): Adam with the weight decay applied to the weights directly, as attention networks are trained.</summary>
    AdamW,
}

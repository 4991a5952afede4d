using Sonata.Dataset;
using Sonata.Model;
using Sonata.Prediction;

namespace Sonata.Training;

/// <summary>
/// Every option of a training run: what config.json holds and each checkpoint repeats.
/// <c>new TrainingConfig()</c> is what <c>sonata train</c> runs with no options (the streams
/// recipe with its defaults); <see cref="For"/> gives each recipe's defaults.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>The recipe that trains. Its defaults for the model and the memory are <see cref="For"/>'s.</summary>
    public Recipe Recipe { get; init; } = Recipe.Streams;

    /// <summary>Where the tokens came from (a file, the corpus), for the record.</summary>
    public string TokenSource { get; init; } = "";

    /// <summary>
    /// The windows, split and batches: by default each training stream moved into a random key of
    /// the twelve (docs/generalizing.md: on 4 sonatas never read, the networks alone predict 27 % of
    /// the next tokens where they predicted 21 % trained in the corpus's own keys).
    /// </summary>
    public DataOptions Data { get; init; } = new() { Transpose = true };

    /// <summary>
    /// The networks: by default three rhythm-aware networks of the lab's size (docs/recipe-race.md and
    /// docs/rhythm-vs-lab.md: 44.3 % validation for the networks alone where three of the
    /// lab's reached 41.5 %, and music with a rhythm of its own).
    /// </summary>
    public ModelOptions Model { get; init; } = new() { Members = StreamsMembers, Network = NetworkKind.Rhythm };

    /// <summary>
    /// The n-gram memory and the context cache blended into predictions: by default the memory takes
    /// up to half of each, as much as it saw of the context (docs/ngram-memory.md), and the cache up
    /// to 0.7, as long as the window repeats itself (docs/held-out.md).
    /// </summary>
    public MemoryOptions Memory { get; init; } = new()
    {
        Weight = StreamsMemoryWeight, HalfContext = StreamsMemoryHalfContext, CacheWeight = StreamsCacheWeight, CacheHalfMatch = StreamsCacheHalfMatch,
    };

    /// <summary>
    /// How long and how it trains: by default until validation stops improving for
    /// <see cref="StreamsPatience"/> epochs (at most <see cref="StreamsEpochs"/>), each epoch
    /// validated on <see cref="StreamsValidationWindows"/> seeded windows.
    /// </summary>
    public TrainingOptions Training { get; init; } = new()
    {
        Epochs = StreamsEpochs, Patience = StreamsPatience, ValidationWindows = StreamsValidationWindows,
        TestWindows = StreamsTestWindows,
    };

    /// <summary>Batch shape of the <see cref="Recipe.Streams"/> recipe (unused by the others).</summary>
    public StreamsOptions Streams { get; init; } = new();

    /// <summary>Batch shape of the <see cref="Recipe.Stretches"/> recipe (unused by the others).</summary>
    public StretchesOptions Stretches { get; init; } = new();

    /// <summary>The performer a network that reads timing trains beside it, which plays its pieces (velocity, tempo); the lab's network has none.</summary>
    public PerformerOptions Performer { get; init; } = new();

    /// <summary>Networks the streams recipe trains by default: three measured 4 points above one (docs/recipe-race.md).</summary>
    public const int StreamsMembers = 3;

    /// <summary>The streams recipe's default share of the memory, chosen on validation (0.3: 47.1 %, 0.5: 47.3 %, 0.7: 46.3 %).</summary>
    public const double StreamsMemoryWeight = 0.5;

    /// <summary>
    /// The context length (tokens seen in training) at which the memory takes half its share: chosen
    /// with the cache on a run's held-out sonatas and the lab's split's validation windows (docs/held-out.md).
    /// </summary>
    public const double StreamsMemoryHalfContext = 1;

    /// <summary>The context cache's largest share, chosen on one choice of held-out sonatas (0.5–0.9 all within a point).</summary>
    public const double StreamsCacheWeight = 0.7;

    /// <summary>The match length at which the cache takes half its share.</summary>
    public const double StreamsCacheHalfMatch = 2;

    /// <summary>The streams recipe's cap on epochs (of one pass, about a minute each on a 2-core CPU): patience or a budget ends it first.</summary>
    public const int StreamsEpochs = 100;

    /// <summary>Epochs without a better validation accuracy after which the streams recipe stops.</summary>
    public const int StreamsPatience = 4;

    /// <summary>
    /// Validation windows the streams recipe scores each epoch (about 6 s for three networks on a
    /// 2-core CPU; the whole split takes 47 s): its accuracy is within about a point of the whole
    /// split's (binomial standard error 1.1 points at 47 %).
    /// </summary>
    public const int StreamsValidationWindows = 2048;

    /// <summary>
    /// Test windows the streams recipe scores its best epoch on: a fixed seeded subset, its accuracy
    /// within about 1.5 points of the whole split's (95 %), for an eighth of the whole test and
    /// validation splits' scoring time (which on a machine 4× slower than this project's took two
    /// thirds of the main job's budget).
    /// </summary>
    public const int StreamsTestWindows = 4096;

    /// <summary>The recipe a network trains with when none is asked: the attending network's stretches, else the default recipe.</summary>
    public static Recipe RecipeOf(NetworkKind? network) => network == NetworkKind.Transformer ? Recipe.Stretches : new TrainingConfig().Recipe;

    /// <summary>
    /// The defaults of <paramref name="recipe"/>: for streams, <c>new TrainingConfig()</c>; for the
    /// lab's, as the lab trains it: its single network alone (the lab's network, no memory), 30 epochs,
    /// each validated on the whole split.
    /// </summary>
    public static TrainingConfig For(Recipe recipe) => recipe switch
    {
        Recipe.Streams => new TrainingConfig(),
        Recipe.Stretches => new TrainingConfig
        {
            Recipe = Recipe.Stretches,
            Model = new ModelOptions { Network = NetworkKind.Transformer, HiddenSize = 256, Layers = 4, AttentionHeads = 4 },
            Training = new TrainingConfig().Training with { Optimizer = OptimizerKind.AdamW, LearningRate = 2e-3, WarmupBatches = 100, WeightDecay = 0.01 },
        },
        Recipe.Lab => new TrainingConfig
        {
            Recipe = Recipe.Lab, Data = new DataOptions(), Model = new ModelOptions(), Memory = new MemoryOptions(), Training = new TrainingOptions(),
            Performer = new PerformerOptions { Steps = 0 },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe, "unknown recipe"),
    };
}

using Sonata.Bench;

// Benchmarks print figures; they are never run as tests. The first argument picks one:
//   dotnet run -c Release --project bench/Sonata.Bench -- tokenize [ARCHIVE] [ROUNDS]
//   dotnet run -c Release --project bench/Sonata.Bench -- train-step [options]
//   dotnet run -c Release --project bench/Sonata.Bench -- recipe-race [--minutes 15] [options]
//   dotnet run -c Release --project bench/Sonata.Bench -- memory [--orders 1,2,4,12] [--order 12]
//   dotnet run -c Release --project bench/Sonata.Bench -- score --run DIR [--epoch N] [--batch-size 32]
//   dotnet run -c Release --project bench/Sonata.Bench -- music --run DIR [--count 20] [--settings "NAME:strategy=sample,t=1,p=0.95,w=0,copy=16;…"]
//   dotnet run -c Release --project bench/Sonata.Bench -- cache --run DIR [--windows 4000] [--weights 0,0.5] [--halves 1,2,4]
//   dotnet run -c Release --project bench/Sonata.Bench -- figures [ARCHIVE] [ROUNDS]
//   dotnet run -c Release --project bench/Sonata.Bench -- performer --run DIR [--steps 2000] [--hidden 128] [--keep]
//   dotnet run -c Release --project bench/Sonata.Bench -- fuzz [--files 10000] [--seed 1]
var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["tokenize"] = TokenizeBenchmark.Run,
    ["train-step"] = TrainStepBenchmark.Run,
    ["recipe-race"] = RecipeRace.Run,
    ["memory"] = MemoryBenchmark.Run,
    ["score"] = ScoreBenchmark.Run,
    ["music"] = MusicBenchmark.Run,
    ["cache"] = CacheBenchmark.Run,
    ["figures"] = FiguresBenchmark.Run,
    ["performer"] = PerformerBenchmark.Run,
    ["fuzz"] = FuzzBenchmark.Run,
    [BusyLoop.Argument] = BusyLoop.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.WriteLine("usage: Sonata.Bench <benchmark> [options]");
    Console.WriteLine("benchmarks: " + string.Join(", ", benchmarks.Keys.Where(name => name != BusyLoop.Argument)));
    return args.Length == 0 ? 0 : 2;
}
return benchmark(args[1..]);

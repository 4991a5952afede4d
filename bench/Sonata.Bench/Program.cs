// Benchmarks print figures; they are never run as tests. Usage: dotnet run -c Release --project bench/Sonata.Bench -- <name> [args]
string name = args.Length > 0 ? args[0] : "";
switch (name)
{
    case "tokenize":
        TokenizeBenchmark.Run(args[1..]);
        break;
    default:
        Console.Error.WriteLine("benchmarks: tokenize [ARCHIVE] [ROUNDS]");
        return 1;
}
return 0;

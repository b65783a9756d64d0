using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/LbTools.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

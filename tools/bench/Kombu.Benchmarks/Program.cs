using BenchmarkDotNet.Running;
using Kombu.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(ShortConfig).Assembly).Run(args, new ShortConfig());

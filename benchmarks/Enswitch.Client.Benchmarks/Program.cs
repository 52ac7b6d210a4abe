using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Enswitch.Client.Benchmarks;

// Modes (see docs/benchmarks.md):
//   (no argument)       everything: in-memory, loopback and parser benchmarks, the throughput run, the chart
//   --quick             with any mode: fewer iterations and a 2 s throughput run, for a first look
//   --throughput        only the 64-caller throughput run
//   --chart             only the chart, from the last in-memory reports (both handlers)
//   anything else       handed to BenchmarkDotNet (--filter *Parser*, --list flat, ...)
var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();
const string Artifacts = "BenchmarkDotNet.Artifacts";
var results = Path.Combine(Artifacts, "results");
(string, string)[] chartReports =
[
    ("Synchronous handler", Path.Combine(results, $"{typeof(InMemoryBenchmarks).FullName}-report.csv")),
    ("Asynchronous handler", Path.Combine(results, $"{typeof(InMemoryAsyncBenchmarks).FullName}-report.csv")),
];
var chartPng = Path.Combine("docs", "benchmarks.png");

// In process: no project generated and rebuilt per benchmark (minutes on two cores), and the emulator
// and the contenders share one runtime configuration. The full job is BenchmarkDotNet's default with at
// most 20 iterations: on a busy two-core machine the loopback cases otherwise run to 100 iterations each.
var job = (quick ? Job.ShortRun : Job.Default.WithMaxIterationCount(20)).WithToolchain(InProcessEmitToolchain.Instance);
// Median and minimum beside the mean: on a shared two-core VM, bursts of noise move the mean of one
// contender and not another; the median and the minimum show the cost the noise did not add to.
var config = DefaultConfig.Instance.AddJob(job.AsDefault()).AddColumn(StatisticColumn.Median, StatisticColumn.Min).WithArtifactsPath(Artifacts);

switch (rest)
{
    case []:
        BenchmarkRunner.Run([typeof(InMemoryBenchmarks), typeof(InMemoryAsyncBenchmarks), typeof(ListBenchmarks), typeof(LoopbackBenchmarks), typeof(ParserBenchmarks)], config);
        Console.WriteLine(await ThroughputRunner.RunAsync(TimeSpan.FromSeconds(quick ? 2 : 5), quick ? 2 : 3, results));
        ChartWriter.Write(chartReports, chartPng);
        break;
    case ["--throughput"]:
        Console.WriteLine(await ThroughputRunner.RunAsync(TimeSpan.FromSeconds(quick ? 2 : 5), quick ? 2 : 3, results));
        break;
    case ["--chart"]:
        ChartWriter.Write(chartReports, chartPng);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(InMemoryBenchmarks).Assembly).Run(rest, config);
        break;
}

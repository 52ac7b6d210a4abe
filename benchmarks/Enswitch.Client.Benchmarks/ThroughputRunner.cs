using System.Diagnostics;
using System.Globalization;
using System.Text;
using Enswitch.Client.Benchmarks.Contenders;
using Enswitch.Client.Testing;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// Calls per second with 64 concurrent callers against the emulator on loopback, for a fixed time. Each
/// contender gets a fresh emulator and its own connection pool; the rounds interleave the contenders so
/// that a slow spell of the machine does not land on one of them, and the median round is reported.
/// </summary>
internal static class ThroughputRunner
{
    public const int Callers = 64;

    private static readonly string[] Names = ["Floor", "Sdk", "SdkWithoutRetryOrBreaker", "Refit", "RestSharp", "Flurl"];

    public static async Task<string> RunAsync(TimeSpan duration, int rounds, string resultsFolder)
    {
        var samples = Names.ToDictionary(n => n, _ => new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            // Each round starts with a different contender, so none always runs first (cold emulator code,
            // the machine's first slow spell).
            for (var i = 0; i < Names.Length; i++)
            {
                var name = Names[(i + round - 1) % Names.Length];
                var rate = await MeasureAsync(name, duration).ConfigureAwait(false);
                samples[name].Add(rate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}/{rounds} {name,-24} {rate,10:N0} calls/s"));
            }
        }

        var floor = Median(samples["Floor"]);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"| Contender | Calls/s ({Callers} callers, {duration.TotalSeconds:0.#} s, median of {rounds}) | Ratio to floor |")
            .AppendLine("|---|---:|---:|");
        foreach (var name in Names)
        {
            var median = Median(samples[name]);
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {median:N0} | {median / floor:0.00} |");
        }

        var text = report.ToString();
        Directory.CreateDirectory(resultsFolder);
        await File.WriteAllTextAsync(Path.Combine(resultsFolder, "throughput.md"), text).ConfigureAwait(false);
        return text;
    }

    private static async Task<double> MeasureAsync(string name, TimeSpan duration)
    {
        await using var emulator = await EnswitchEmulator.StartAsync().ConfigureAwait(false);
        using var contender = ContenderSet.Create(name, new SocketsHttpHandler(), Credentials.ForEmulator(emulator));
        Scenario.Expect(name, 1, await contender.CreateAsync().ConfigureAwait(false));

        // Warm-up: connections opened, code jitted, before the clock runs.
        await RunCallersAsync(contender, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        var calls = await RunCallersAsync(contender, duration).ConfigureAwait(false);
        return calls / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<long> RunCallersAsync(IContender contender, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var callers = new Task<long>[Callers];
        for (var i = 0; i < Callers; i++)
        {
            callers[i] = Task.Run(() => CallUntilAsync(contender, stop.Token));
        }

        long total = 0;
        foreach (var count in await Task.WhenAll(callers).ConfigureAwait(false))
        {
            total += count;
        }

        return total;
    }

    // The stop token is checked between calls, not passed in: a call cut short would count as neither
    // done nor failed and would make the clients' cancellation paths part of the measurement.
    private static async Task<long> CallUntilAsync(IContender contender, CancellationToken stop)
    {
        long calls = 0;
        while (!stop.IsCancellationRequested)
        {
            await contender.CreateAsync(CancellationToken.None).ConfigureAwait(false);
            calls++;
        }

        return calls;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

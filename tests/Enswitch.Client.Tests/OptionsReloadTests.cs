using System.Reflection;
using Enswitch.Client.DependencyInjection;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Enswitch.Client.Tests;

/// <summary>
/// Options that change while the application runs (<see cref="IOptionsMonitor{TOptions}"/>): a change that matters
/// gives calls from then on a new pipeline, an unchanged reload keeps the one in use (its breaker and token), and
/// invalid options are refused without a secret in the log.
/// </summary>
public class OptionsReloadTests
{
    [Fact]
    public void AChangedPassword_GivesLaterCallsANewPipeline_ThatStillMasksTheFormerPassword()
    {
        var (monitor, pipelines, logs) = Start();
        var before = pipelines.Get(Options.DefaultName);
        var first = before.Current;
        var rotated = Canary.NewPassword();

        monitor.Change(o => o.Password = rotated);

        Assert.NotSame(first, before.Current);
        Assert.Equal(rotated, before.Current.Options.Password);
        Assert.DoesNotContain(first.Options.Password!, before.Current.Errors.Scrubber.Scrub("echoed " + first.Options.Password, 100), StringComparison.Ordinal);
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Id == 8);
        Canary.AssertAbsent(rotated, logs);
    }

    [Fact]
    public void AReloadThatChangesNothing_KeepsThePipelineInUse()
    {
        var (monitor, pipelines, logs) = Start();
        var first = pipelines.Get(Options.DefaultName).Current;

        monitor.Change(_ => { });

        Assert.Same(first, pipelines.Get(Options.DefaultName).Current);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Id == 8);
    }

    // Through the real options system: the SDK's validator refuses the reload, and the client keeps its options.
    [Fact]
    public void AnInvalidReload_IsRefused_AndTheClientKeepsItsOptions()
    {
        var (configuration, provider) = Configured(Canary.NewPassword());
        var pipelines = provider.GetRequiredService<EnswitchPipelines>();
        var first = pipelines.Get(Options.DefaultName).Current;

        configuration["Enswitch:BaseAddress"] = "ftp://pbx.example.com/";
        var refused = Assert.ThrowsAny<Exception>(configuration.Reload);

        Assert.Contains("BaseAddress", refused.ToString(), StringComparison.Ordinal);
        Assert.Same(first, pipelines.Get(Options.DefaultName).Current);
    }

    // A secret that arrives after start-up (no host, so no ValidateOnStart): the failed first use is not remembered.
    [Fact]
    public void OptionsInvalidAtFirstUse_AreTriedAgain_OnceTheConfigurationIsFixed()
    {
        var (configuration, provider) = Configured(password: null);
        var factory = provider.GetRequiredService<IEnswitchClientFactory>();

        var missing = Assert.Throws<OptionsValidationException>(() => factory.CreateClient(Options.DefaultName));
        configuration["Enswitch:Password"] = Canary.NewPassword();
        configuration.Reload();

        Assert.Contains("Password is required", missing.Message, StringComparison.Ordinal);
        Assert.NotNull(factory.CreateClient(Options.DefaultName));
    }

    // A change that lands while the first pipeline is being built from the options read before it is applied once
    // that build ends, not lost.
    [Fact]
    public async Task AChangeDuringTheFirstBuild_IsAppliedWhenTheBuildEnds()
    {
        var monitor = new TestMonitor(TestOptions.Create(o => o.Password = Canary.NewPassword()));
        var services = new ServiceCollection().AddFakeLogging().BuildServiceProvider();
        var pipelines = new EnswitchPipelines(monitor, services);
        var rotated = Canary.NewPassword();

        var gate = monitor.HoldNextGet();
        var building = Task.Run(() => pipelines.Get(Options.DefaultName), TestContext.Current.CancellationToken);
        await gate.Entered.WaitAsync(TestContext.Current.CancellationToken);
        var changing = Task.Run(() => monitor.Change(o => o.Password = rotated), TestContext.Current.CancellationToken);
        gate.Release();
        await Task.WhenAll(building, changing).WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(rotated, pipelines.Get(Options.DefaultName).Current.Options.Password);
    }

    [Fact]
    public void AClientNotUsedYet_IsBuiltFromTheOptionsAsTheyAreAtItsFirstCall()
    {
        var (monitor, pipelines, logs) = Start(use: false);

        monitor.Change(o => o.MaxRetries = 7);

        Assert.Equal(7, pipelines.Get(Options.DefaultName).Current.Options.MaxRetries);
        Assert.Empty(logs.GetSnapshot());
    }

    // Each property, changed alone, is a change: the comparison that decides whether to rebuild misses none.
    [Fact]
    public void EveryOption_CountsAsAChange()
    {
        var properties = typeof(EnswitchClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();

        Assert.All(properties, property =>
        {
            var options = TestOptions.Create();
            var changed = TestOptions.Create();
            property.SetValue(changed, Different(property.GetValue(options), property.PropertyType));

            Assert.True(options.HasSameSettings(TestOptions.Create()), "identical options");
            Assert.False(options.HasSameSettings(changed), $"{property.Name} changed, but the options compare as the same");
        });
    }

    private static object Different(object? value, Type type) => value switch
    {
        Uri uri => new Uri(uri, "other/"),
        string text => text + "-changed",
        bool flag => !flag,
        int number => number + 1,
        long number => number + 1,
        TimeSpan span => span + TimeSpan.FromSeconds(1),
        Version version => new Version(version.Major, version.Minor + 1),
        Enum e => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(e)),
        null when type == typeof(Version) => new Version(4, 4),
        null when type == typeof(string) => "MyApp/1.0",
        _ => throw new InvalidOperationException($"No different value for {type}."),
    };

    private static (TestMonitor Monitor, EnswitchPipelines Pipelines, FakeLogCollector Logs) Start(bool use = true)
    {
        var monitor = new TestMonitor(TestOptions.Create(o => o.Password = Canary.NewPassword()));
        var services = new ServiceCollection().AddFakeLogging().BuildServiceProvider();
        var pipelines = new EnswitchPipelines(monitor, services);
        if (use)
        {
            _ = pipelines.Get(Options.DefaultName);
        }

        return (monitor, pipelines, services.GetFakeLogCollector());
    }

    private static (IConfigurationRoot Configuration, ServiceProvider Provider) Configured(string? password)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Enswitch:BaseAddress"] = "https://pbx.example.com/",
            ["Enswitch:Username"] = "user",
            ["Enswitch:Password"] = password,
        }).Build();
        var services = new ServiceCollection().AddFakeLogging();
        services.AddEnswitchClient(configuration.GetSection("Enswitch"));
        return (configuration, services.BuildServiceProvider());
    }

    /// <summary>An options monitor whose options the test changes, telling the listeners as a configuration reload does.</summary>
    private sealed class TestMonitor(EnswitchClientOptions initial) : IOptionsMonitor<EnswitchClientOptions>
    {
        private readonly List<Action<EnswitchClientOptions, string?>> _listeners = [];
        private EnswitchClientOptions _current = initial;
        private Gate? _gate;

        public EnswitchClientOptions CurrentValue => _current;

        public EnswitchClientOptions Get(string? name)
        {
            // Read first, then wait, as a reader that read the options just before a change does.
            var read = _current;
            Interlocked.Exchange(ref _gate, null)?.Hold();
            return read;
        }

        /// <summary>Makes the next <see cref="Get"/> wait, after reading the options, until the gate is released.</summary>
        public Gate HoldNextGet() => _gate = new Gate();

        public IDisposable OnChange(Action<EnswitchClientOptions, string?> listener)
        {
            _listeners.Add(listener);
            return new Listening(() => _listeners.Remove(listener));
        }

        public void Change(Action<EnswitchClientOptions> change)
        {
            var next = _current.Clone();
            change(next);
            _current = next;
            foreach (var listener in _listeners.ToList())
            {
                listener(next, Options.DefaultName);
            }
        }

        private sealed class Listening(Action stop) : IDisposable
        {
            public void Dispose() => stop();
        }

        public sealed class Gate
        {
            private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public Task Entered => _entered.Task;

            public void Hold()
            {
                _entered.SetResult();
                _released.Task.Wait(TestContext.Current.CancellationToken);
            }

            public void Release() => _released.SetResult();
        }
    }
}

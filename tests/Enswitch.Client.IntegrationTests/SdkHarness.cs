using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// One emulator, on a free loopback port or in memory, and the SDK wired to it exactly as an application would do it,
/// through dependency injection or through <c>EnswitchClient.Create</c> (given the emulator's handler when it is in
/// memory), with every log captured at Trace.
/// </summary>
public sealed class SdkHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SdkHarness(EnswitchEmulator emulator, ServiceProvider services, FakeTimeProvider? time, LogSignal signal)
    {
        Signal = signal;
        Emulator = emulator;
        _services = services;
        Time = time;
        Groups = services.GetRequiredService<IRecordGroupsClient>();
        Logs = services.GetRequiredService<FakeLogCollector>();
    }

    public EnswitchEmulator Emulator { get; }

    public IRecordGroupsClient Groups { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>Gets the log events, to wait for one (event 3: a retry was scheduled) before advancing <see cref="Time"/>.</summary>
    public LogSignal Signal { get; }

    /// <summary>Gets the fake clock the SDK runs on, when the test asked for one.</summary>
    public FakeTimeProvider? Time { get; }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Fast defaults for tests: short backoff, generous timeouts, no circuit breaker unless asked.</summary>
    public static void Defaults(EnswitchClientOptions options)
    {
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        options.AttemptTimeout = TimeSpan.FromSeconds(30);
        options.TotalTimeout = TimeSpan.FromSeconds(90);
        options.CircuitBreakerEnabled = false;
    }

    /// <param name="configure">Changes the options after the test defaults.</param>
    /// <param name="fakeTime">Whether the SDK runs on a <see cref="FakeTimeProvider"/> (see <see cref="Time"/>).</param>
    /// <param name="http">Configures the SDK's HttpClient; only with dependency injection, which has a builder.</param>
    /// <param name="services">Adds services, such as a <see cref="TimeProvider"/>, that the SDK picks up on either path.</param>
    /// <param name="emulatorOptions">The emulator's options.</param>
    /// <param name="construction">How the application builds the client.</param>
    /// <param name="form">The emulator's form; in memory, the SDK sends through <see cref="EnswitchEmulator.CreateHandler"/>.</param>
    public static async Task<SdkHarness> StartAsync(
        Action<EnswitchClientOptions>? configure = null,
        bool fakeTime = false,
        Action<IHttpClientBuilder>? http = null,
        Action<IServiceCollection>? services = null,
        EnswitchEmulatorOptions? emulatorOptions = null,
        ClientConstruction construction = ClientConstruction.DependencyInjection,
        EmulatorForm form = EmulatorForm.Socket)
    {
        if (http is not null && construction != ClientConstruction.DependencyInjection)
        {
            throw new ArgumentException("Only AddEnswitchClient returns an HttpClient builder to configure.", nameof(http));
        }

        var emulator = await StartEmulatorAsync(form, emulatorOptions);
        var collection = new ServiceCollection();
        var signal = new LogSignal();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging().AddProvider(signal));
        var time = fakeTime ? new FakeTimeProvider(DateTimeOffset.UtcNow) : null;
        if (time is not null)
        {
            collection.AddSingleton<TimeProvider>(time);
        }

        services?.Invoke(collection);
        void Configure(EnswitchClientOptions o)
        {
            o.BaseAddress = emulator.BaseAddress;
            o.Username = EnswitchEmulator.DefaultUsername;
            o.Password = EnswitchEmulator.DefaultPassword;
            Defaults(o);
            configure?.Invoke(o);
        }

        if (construction == ClientConstruction.DependencyInjection)
        {
            var builder = collection.AddEnswitchClient(Configure);
            if (emulator.IsInMemory)
            {
                builder.ConfigurePrimaryHttpMessageHandler(() => emulator.CreateHandler());
            }

            http?.Invoke(builder);
        }
        else
        {
            // The application's own composition: one client from EnswitchClient.Create, kept for the provider's life.
            collection.AddSingleton<IEnswitchClient>(sp =>
            {
                var options = new EnswitchClientOptions();
                Configure(options);
                return CreateClient(emulator, options, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Enswitch.Client"), sp.GetService<TimeProvider>());
            });
            collection.AddSingleton(sp => sp.GetRequiredService<IEnswitchClient>().RecordGroups);
            collection.AddSingleton(sp => sp.GetRequiredService<IEnswitchClient>().Recordings);
        }

        return new SdkHarness(emulator, collection.BuildServiceProvider(), time, signal);
    }

    /// <summary>Starts an emulator of the given form.</summary>
    public static Task<EnswitchEmulator> StartEmulatorAsync(EmulatorForm form, EnswitchEmulatorOptions? options = null) =>
        form == EmulatorForm.InMemory ? EnswitchEmulator.StartInMemoryAsync(options, Token) : EnswitchEmulator.StartAsync(options, Token);

    /// <summary>
    /// Creates a client with <c>EnswitchClient.Create</c>, as an application without dependency injection does: on its own
    /// socket handler, or on the emulator's handler when the emulator is in memory.
    /// </summary>
    public static EnswitchClient CreateClient(EnswitchEmulator emulator, EnswitchClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null) =>
        emulator.IsInMemory
            ? EnswitchClient.Create(options, emulator.CreateHandler(), logger, timeProvider)
            : EnswitchClient.Create(options, logger, timeProvider);

    /// <summary>
    /// Creates one record group per name, every call held at a gate and then released together, so all are
    /// in flight at once; returns each name with the id its call got.
    /// </summary>
    public async Task<(string Name, long Id)[]> CreateConcurrentlyAsync(IReadOnlyList<string> names)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = names.Select(async name =>
        {
            await gate.Task;
            var result = await Groups.CreateAsync(new CreateRecordGroupRequest(name), cancellationToken: Token);
            return (Name: name, result.Id);
        }).ToArray();
        gate.SetResult();
        return await Task.WhenAll(calls);
    }

    /// <summary>Returns every captured log line, message and structured state, as one text.</summary>
    public string AllLogText() =>
        string.Join('\n', Logs.GetSnapshot().Select(r => $"{r.Category} {r.Level} {r.Message} {string.Join(';', r.StructuredState?.Select(s => s.Key + "=" + s.Value) ?? [])}"));

    /// <summary>Gets the service provider, to resolve anything else the test registered.</summary>
    public IServiceProvider Services => _services;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

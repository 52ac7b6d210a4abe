using System.Net;
using Enswitch.Client.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Enswitch.Client.Testing;

/// <summary>
/// An Enswitch JSON API server for tests: Kestrel on 127.0.0.1 at a free port (<see cref="StartAsync"/>), or the same
/// server in memory without a socket (<see cref="StartInMemoryAsync"/>), answering like Enswitch (HTTP 200 with the
/// envelope, codes 201/204/400/401/402/403/404), with state to assert on, a journal of every request, and faults on
/// demand.
/// </summary>
/// <remarks>
/// <para>
/// It serves every function of the SDK's catalogue (<c>docs/functions.md</c>). Eight have hand-written
/// behaviour: <c>recording/groups/create</c> and <c>update</c>; <c>recording/recordings/list</c>, <c>get</c>,
/// <c>copy</c>, <c>update</c> and <c>start</c>; and <c>user/login</c> with authentication tokens, which every
/// function then accepts as <c>auth_token</c>. Every other function is served from what the catalogue says
/// about it: a required parameter left out, or a value that is not of its type (a whole number, a decimal,
/// base64), answers 400 naming it; a caller without any of its roles answers 402 (see
/// <see cref="EmulatedUser.Privileges"/>), a function the caller's rate plan denies 403
/// (<see cref="EmulatedUser.RatePlanDenies"/>); <c>validation=1</c> answers 201 where the function documents
/// it; and it answers in its documented shape, with the fields of the guide's example answer.
/// </para>
/// <para>
/// Those functions keep objects per category (the wire name without its action word, such as
/// <c>customers</c> or <c>numbers/system</c>): a create stores its parameters under a new id and answers it; a
/// get, update or delete finds the object by <c>id</c>, or by the parameter that identifies the category's
/// objects where it has no id (<c>mailbox</c>, <c>number</c>), and answers 404 when there is none; a list
/// answers them as rows, honouring <c>offset</c> and <c>limit</c>. <see cref="AddObject"/> seeds them and
/// <see cref="ObjectsIn"/> reads them. That object model, and everything else the guide does not describe, is
/// the emulator's choice, not documented Enswitch behaviour: objects are not scoped by customer, lists ignore
/// sorting and filters, and functions of other actions (send, import, download, ...) store nothing.
/// </para>
/// <para>
/// It acts as the Enswitch version in <see cref="EnswitchEmulatorOptions.Version"/>. Every member is safe to
/// call from several threads.
/// </para>
/// <para>
/// Both forms run the same ASP.NET Core request pipeline and the same functions on the same state: the in-memory
/// form hands each request to it through ASP.NET Core's TestServer instead of Kestrel, and
/// <see cref="CreateHandler"/> gives the <see cref="HttpMessageHandler"/> to send through. Faults behave as over a
/// socket as far as a client can tell (see <see cref="EmulatorFault"/>).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var emulator = await EnswitchEmulator.StartAsync();
/// services.AddEnswitchClient(o =>
/// {
///     o.BaseAddress = emulator.BaseAddress;
///     o.Username = EnswitchEmulator.DefaultUsername;
///     o.Password = EnswitchEmulator.DefaultPassword;
/// });
/// </code>
/// </example>
public sealed class EnswitchEmulator : IAsyncDisposable
{
    /// <summary>The user name of the administrator every emulator starts with.</summary>
    public const string DefaultUsername = "admin";

    /// <summary>The password of the administrator every emulator starts with.</summary>
    public const string DefaultPassword = "emulator-password";

    /// <summary>The function name that makes an injected fault apply to any function.</summary>
    public const string AnyFunction = "*";

    private static readonly FunctionSpec[] HandWritten =
    [
        RecordGroupFunctions.Create,
        RecordGroupFunctions.Update,
        RecordingFunctions.List,
        RecordingFunctions.Get,
        RecordingChangeFunctions.Copy,
        RecordingChangeFunctions.Update,
        RecordingChangeFunctions.Start,
        UserFunctions.Login,
    ];

    // The hand-written functions take precedence; every other catalogued function is served from the catalogue.
    private static readonly IReadOnlyDictionary<string, FunctionSpec> Functions = HandWritten
        .Concat(CatalogueFunctions.Except([.. HandWritten.Select(f => f.Name)]))
        .ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static readonly HashSet<string> ObjectCategories =
        [.. Functions.Values.Select(f => f.Category).OfType<string>()];

    // Kestrel's graceful stop gives requests in flight this long before it closes their connections; the in-memory
    // form gives them the same.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    // Numbers the in-memory emulators of the process, each of which has an address of its own.
    private static long _inMemoryEmulators;

    private readonly EmulatorState _state;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly InMemoryTransport? _memory;
    private WebApplication? _app;
    private int _port;

    private EnswitchEmulator(EnswitchEmulatorOptions options, bool inMemory)
    {
        options.Validate();
        if (inMemory && options.Port != 0)
        {
            throw new ArgumentException("An in-memory emulator has no port: leave EnswitchEmulatorOptions.Port at 0, or start it with StartAsync to listen on a socket.", nameof(options));
        }

        _state = new EmulatorState(options);
        _port = options.Port;
        _memory = inMemory ? new InMemoryTransport(NextInMemoryAddress()) : null;
        AddUser(new EmulatedUser(DefaultUsername, DefaultPassword, EnswitchRoles.All, options.DefaultCustomerId) { HasEveryPrivilege = true });
    }

    /// <summary>
    /// Gets the address to use as the SDK's <c>BaseAddress</c>: for example <c>http://127.0.0.1:41234/</c> for an
    /// emulator on a socket, and <c>https://e1.enswitch-emulator.invalid/</c> for one in memory. Each in-memory emulator
    /// has a name of its own (<c>e2</c>, <c>e3</c>, ... in the order they are created in the process), so that the handler
    /// of one never takes a request meant for another; an https address, which the SDK accepts without
    /// <c>AllowInsecureHttp</c>, on a name that never resolves, so that a client which was not given
    /// <see cref="CreateHandler"/> fails at once instead of reaching another server.
    /// </summary>
    public Uri BaseAddress => _memory?.BaseAddress ?? new($"http://127.0.0.1:{_port}/");

    /// <summary>Gets a value indicating whether the emulator runs in memory (<see cref="StartInMemoryAsync"/>) rather than on a socket.</summary>
    public bool IsInMemory => _memory is not null;

    /// <summary>Gets the options the emulator runs with.</summary>
    public EnswitchEmulatorOptions Options => _state.Options;

    /// <summary>Gets the record groups stored so far, in id order.</summary>
    public IReadOnlyList<EmulatedRecordGroup> RecordGroups => [.. _state.RecordGroups.Values.OrderBy(g => g.Id)];

    /// <summary>Gets the recordings stored so far, by record group, start, <c>uniqueid</c> and <c>recordid</c>.</summary>
    public IReadOnlyList<EmulatedRecording> Recordings =>
    [
        .. _state.Recordings.Values
            .OrderBy(r => r.RecordGroupId)
            .ThenBy(r => r.Start)
            .ThenBy(r => r.UniqueId, StringComparer.Ordinal)
            .ThenBy(r => r.RecordId, StringComparer.Ordinal),
    ];

    /// <summary>Gets the requests to start recording a live call the emulator accepted, in arrival order.</summary>
    public IReadOnlyList<EmulatedRecordingStart> RecordingStarts => [.. _state.RecordingStarts];

    /// <summary>Gets every request received so far, in arrival order, faulted ones included.</summary>
    public IReadOnlyList<EmulatorRequest> Journal => [.. _state.Journal];

    /// <summary>Starts an emulator on 127.0.0.1.</summary>
    /// <param name="options">The options, or <see langword="null"/> for the defaults (Enswitch 4.4, a free port).</param>
    /// <param name="cancellationToken">A token that cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop.</returns>
    public static Task<EnswitchEmulator> StartAsync(EnswitchEmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(options, inMemory: false, cancellationToken);

    /// <summary>
    /// Starts an emulator in memory: the same functions, state, journal and faults as <see cref="StartAsync"/>, served
    /// without a socket to the <see cref="HttpMessageHandler"/> that <see cref="CreateHandler"/> gives, at a
    /// <see cref="BaseAddress"/> of its own (<c>https://e1.enswitch-emulator.invalid/</c>). It starts in a few
    /// milliseconds, uses no port, and needs no ASP.NET Core server beyond the shared framework.
    /// </summary>
    /// <param name="options">The options, or <see langword="null"/> for the defaults (Enswitch 4.4); <see cref="EnswitchEmulatorOptions.Port"/> must stay 0.</param>
    /// <param name="cancellationToken">A token that cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop.</returns>
    /// <exception cref="ArgumentException"><see cref="EnswitchEmulatorOptions.Port"/> is set.</exception>
    /// <example>
    /// <code>
    /// await using var emulator = await EnswitchEmulator.StartInMemoryAsync();
    /// services.AddEnswitchClient(o =&gt;
    ///     {
    ///         o.BaseAddress = emulator.BaseAddress;
    ///         o.Username = EnswitchEmulator.DefaultUsername;
    ///         o.Password = EnswitchEmulator.DefaultPassword;
    ///     })
    ///     .ConfigurePrimaryHttpMessageHandler(() =&gt; emulator.CreateHandler());
    /// </code>
    /// </example>
    public static Task<EnswitchEmulator> StartInMemoryAsync(EnswitchEmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(options, inMemory: true, cancellationToken);

    /// <summary>
    /// Creates a handler that sends requests to this emulator, for an <see cref="HttpClient"/> or as the SDK's primary
    /// handler (<c>ConfigurePrimaryHttpMessageHandler(() =&gt; emulator.CreateHandler())</c>, or
    /// <c>EnswitchClient.Create(options, emulator.CreateHandler())</c>). In memory it reaches this emulator without a
    /// socket, at <see cref="BaseAddress"/> only: any other address fails as a name that does not resolve, and a stopped
    /// or disposed emulator refuses as a closed port does. On a socket it is a plain socket handler that does not follow
    /// redirects, so that code written for one form works with the other.
    /// </summary>
    /// <returns>A new handler; disposing it leaves the emulator running.</returns>
    public HttpMessageHandler CreateHandler() =>
        _memory is { } memory ? new InMemoryHandler(memory) : new SocketsHttpHandler { AllowAutoRedirect = false };

    /// <summary>Returns a new in-memory address, one for each in-memory emulator of the process.</summary>
    private static Uri NextInMemoryAddress() =>
        new($"https://e{Interlocked.Increment(ref _inMemoryEmulators).ToString(System.Globalization.CultureInfo.InvariantCulture)}.enswitch-emulator.invalid/");

    private static async Task<EnswitchEmulator> StartCoreAsync(EnswitchEmulatorOptions? options, bool inMemory, CancellationToken cancellationToken)
    {
        var emulator = new EnswitchEmulator(options ?? new EnswitchEmulatorOptions(), inMemory);
        try
        {
            await emulator.ResumeAcceptingAsync(cancellationToken).ConfigureAwait(false);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Adds a user, or replaces the user with the same name.</summary>
    /// <param name="user">The user.</param>
    public void AddUser(EmulatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _state.Users[user.Username] = user;
    }

    /// <summary>
    /// Adds a user with the given role privileges, in the default customer. For the privileges of the other
    /// functions, by their catalogue names, add an <see cref="EmulatedUser"/> with <see cref="EmulatedUser.Privileges"/>.
    /// </summary>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="roles">The role privileges.</param>
    /// <param name="ratePlanDenies">Functions the user's rate plan does not permit (answer 403).</param>
    /// <returns>The user added.</returns>
    public EmulatedUser AddUser(string username, string password, EnswitchRoles roles, params string[] ratePlanDenies)
    {
        var user = new EmulatedUser(username, password, roles, _state.Options.DefaultCustomerId)
        {
            RatePlanDenies = new HashSet<string>(ratePlanDenies, StringComparer.Ordinal),
        };
        AddUser(user);
        return user;
    }

    /// <summary>
    /// Adds a record group as <c>recording/groups/create</c> would store it with only a name: the
    /// documented defaults, and the next id.
    /// </summary>
    /// <param name="name">The group's name.</param>
    /// <param name="customerId">The group's customer, or <see langword="null"/> for the default customer.</param>
    /// <param name="configure">
    /// A function that changes the defaults before the group is stored, for example
    /// <c>g =&gt; g with { BeepIntervalSeconds = 5 }</c>; it must keep the id.
    /// </param>
    /// <returns>The group stored.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank, or <paramref name="configure"/> changed the id.</exception>
    public EmulatedRecordGroup AddRecordGroup(string name, long? customerId = null, Func<EmulatedRecordGroup, EmulatedRecordGroup>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var defaults = RecordGroupFunctions.Defaults(_state.NextId(), customerId ?? _state.Options.DefaultCustomerId, name);
        var group = configure?.Invoke(defaults) ?? defaults;
        if (group.Id != defaults.Id)
        {
            throw new ArgumentException("The configured group must keep the id the emulator assigned.", nameof(configure));
        }

        _state.RecordGroups[group.Id] = group;
        return group;
    }

    /// <summary>Adds a recording, or replaces the one with the same record group, <c>uniqueid</c> and <c>recordid</c>.</summary>
    /// <param name="recording">The recording; its record group must exist.</param>
    /// <exception cref="ArgumentException">The record group does not exist, or an id is empty.</exception>
    public void AddRecording(EmulatedRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentException.ThrowIfNullOrEmpty(recording.UniqueId, nameof(recording));
        ArgumentException.ThrowIfNullOrEmpty(recording.RecordId, nameof(recording));
        if (!_state.RecordGroups.ContainsKey(recording.RecordGroupId))
        {
            throw new ArgumentException($"Record group {recording.RecordGroupId} does not exist; add it first with AddRecordGroup.", nameof(recording));
        }

        _state.Recordings[RecordingKey.Of(recording)] = recording;
    }

    /// <summary>
    /// Adds an object to a category served from the catalogue, as its <c>create</c> would store it, so that a
    /// test can <c>get</c>, <c>list</c>, <c>update</c> or <c>delete</c> it without creating it first.
    /// </summary>
    /// <param name="category">
    /// The category: a function's wire name without its action word, for example <c>customers</c> for
    /// <c>customers/get</c> or <c>numbers/system</c> for <c>numbers/system/update</c>.
    /// </param>
    /// <param name="fields">
    /// The object's fields by wire name, as a create's parameters would give them (for example <c>name</c>), or
    /// <see langword="null"/> for none; not <c>id</c>, which the emulator assigns.
    /// </param>
    /// <returns>The object stored, with its id.</returns>
    /// <exception cref="ArgumentException">
    /// The category is not one the emulator serves from the catalogue (the recording functions keep their own
    /// state: use <see cref="AddRecordGroup"/> and <see cref="AddRecording"/>), or a field is named <c>id</c>.
    /// </exception>
    public EmulatedObject AddObject(string category, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        CheckCategory(category);
        List<KeyValuePair<string, string>> values = [.. fields ?? []];
        foreach (var (name, value) in values)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(fields));
            ArgumentNullException.ThrowIfNull(value, nameof(fields));
            if (name == "id")
            {
                throw new ArgumentException("The emulator assigns the id; leave it out of the fields.", nameof(fields));
            }
        }

        return _state.Objects(category).Add(values, [], _state.NextId)!;
    }

    /// <summary>Returns the objects a category served from the catalogue holds now, in id order.</summary>
    /// <param name="category">The category, for example <c>customers</c> (see <see cref="AddObject"/>).</param>
    /// <returns>The objects created or added so far and not deleted, with the fields updates left them.</returns>
    /// <exception cref="ArgumentException">The category is not one the emulator serves from the catalogue.</exception>
    public IReadOnlyList<EmulatedObject> ObjectsIn(string category)
    {
        CheckCategory(category);
        return _state.Objects(category).Snapshot();
    }

    /// <summary>Adds a call in progress that <c>recording/recordings/start</c> can record, or replaces the one with the same id.</summary>
    /// <param name="uniqueId">The call's unique id, for example <c>1234567890.123456</c>.</param>
    /// <param name="ownerUsername">
    /// The user who owns a telephone line on the call and may therefore start recording it without being an
    /// administrator, or <see langword="null"/> when only administrators may.
    /// </param>
    public void AddLiveCall(string uniqueId, string? ownerUsername = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(uniqueId);
        _state.LiveCalls[uniqueId] = new LiveCall(uniqueId, ownerUsername);
    }

    /// <summary>
    /// Expires every authentication token issued so far: a later call with one answers 401, as with a
    /// token past its lifetime, and the client must log in again.
    /// </summary>
    public void ExpireAllTokens() => _state.Tokens.ExpireAll();

    /// <summary>
    /// Makes the next <paramref name="count"/> requests to <paramref name="function"/> (or to any
    /// function, with <see cref="AnyFunction"/>) misbehave as <paramref name="fault"/> says.
    /// </summary>
    /// <param name="function">The function path, for example <c>recording/groups/create</c>.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests it applies to.</param>
    public void InjectFault(string function, EmulatorFault fault, int count = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _state.AddFault(function, fault, count);
    }

    /// <summary>Removes every injected fault not yet applied; a fault selector stays set.</summary>
    public void ClearFaults() => _state.ClearFaults();

    /// <summary>
    /// Sets a function that chooses a fault, or none, for each request that has no injected fault
    /// waiting for it: the way to spread faults at random over many requests.
    /// </summary>
    /// <param name="selector">
    /// A function given the function path (for example <c>recording/groups/create</c>) that returns the
    /// fault to apply, or <see langword="null"/> to serve the request normally; or <see langword="null"/>
    /// to remove the selector. It is called from many threads at once, so it must be thread-safe (for
    /// example, a seeded <see cref="Random"/> used under a lock).
    /// </param>
    public void SetFaultSelector(Func<string, EmulatorFault?>? selector) => _state.SetFaultSelector(selector);

    /// <summary>
    /// Gets how many requests the emulator is handling right now, counting those whose client went away
    /// while a fault such as <see cref="EmulatorFault.DelayThenApply(TimeSpan)"/> still runs.
    /// </summary>
    public int RequestsInProgress => _state.RequestsInProgress;

    /// <summary>
    /// Waits until the emulator is handling no request, so that a test reads its state only after every
    /// late write (for example of <see cref="EmulatorFault.DelayThenApply(TimeSpan)"/>) has landed, without
    /// sleeping. It completes at once when nothing is in progress.
    /// </summary>
    /// <param name="cancellationToken">A token that ends the wait.</param>
    /// <returns>A task that completes when <see cref="RequestsInProgress"/> is 0.</returns>
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default) =>
        _state.WaitForIdleAsync().WaitAsync(cancellationToken);

    /// <summary>Returns the requests received for one function.</summary>
    /// <param name="function">The function path.</param>
    /// <returns>The journal entries for it, in arrival order.</returns>
    public IReadOnlyList<EmulatorRequest> RequestsTo(string function) =>
        [.. _state.Journal.Where(r => r.Function == function)];

    /// <summary>
    /// Waits until the emulator has received <paramref name="count"/> requests to <paramref name="function"/>
    /// (or to any function, with <see cref="AnyFunction"/>): the way to synchronise a test with a call
    /// in flight, without sleeping.
    /// </summary>
    /// <param name="function">The function path.</param>
    /// <param name="count">How many requests to wait for, counting those already received.</param>
    /// <param name="cancellationToken">A token that ends the wait.</param>
    /// <returns>The request that made the count.</returns>
    public Task<EmulatorRequest> WaitForRequestAsync(string function, int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return _state.WaitAsync(r => function == AnyFunction || r.Function == function, count).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops listening, so that connections are refused, while keeping every state; requests in flight
    /// get up to 5 seconds to finish and are then ended. <see cref="ResumeAcceptingAsync"/> listens again on the same
    /// port. In memory, the emulator's handlers refuse every request in the same way until then.
    /// </summary>
    /// <param name="cancellationToken">
    /// A token that cuts the grace period short: requests still in flight are then ended at once, as Kestrel ends them, and
    /// the emulator stops all the same.
    /// </param>
    /// <returns>A task that completes when the port is closed.</returns>
    public async Task StopAcceptingAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is { } app)
            {
                _app = null;
                try
                {
                    if (_memory is { } memory)
                    {
                        await CloseInMemoryAsync(memory, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    // Stopped and disposed whatever happened above: once _app is null nothing else would ever stop it.
                    try
                    {
                        await app.StopAsync(cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        await app.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts listening again, on the same port, after <see cref="StopAcceptingAsync"/>; in memory, the emulator's handlers answer again.</summary>
    /// <param name="cancellationToken">A token that cancels the start.</param>
    /// <returns>A task that completes when the port accepts connections.</returns>
    public async Task ResumeAcceptingAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
            if (_app is not null)
            {
                return;
            }

            var app = Build(_port);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            if (_memory is { } memory)
            {
                memory.Open(app.GetTestServer());
            }
            else
            {
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                _port = new Uri(address).Port;
            }

            _app = app;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the emulator and ends every request in flight.</summary>
    /// <returns>A task that completes when the port is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (!_shutdown.IsCancellationRequested)
        {
            await _shutdown.CancelAsync().ConfigureAwait(false);
        }

        await StopAcceptingAsync().ConfigureAwait(false);
    }

    private static void CheckCategory(string category)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        if (!ObjectCategories.Contains(category))
        {
            throw new ArgumentException(
                $"'{category}' is not a category the emulator serves from the catalogue; a category is a function's wire name without its action word, such as 'customers' or 'numbers/system'.",
                nameof(category));
        }
    }

    /// <summary>
    /// Closes the in-memory form as Kestrel's graceful stop closes its port: new requests are refused at once, requests in
    /// flight get <see cref="ShutdownTimeout"/> to finish, and whatever is still under way then, or when
    /// <paramref name="cancellationToken"/> cuts the wait short, is ended.
    /// </summary>
    private async Task CloseInMemoryAsync(InMemoryTransport memory, CancellationToken cancellationToken)
    {
        memory.Close();
        try
        {
            await _state.WaitForIdleAsync().WaitAsync(ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // As Kestrel after its shutdown timeout, or when the stop is cancelled: the rest are ended below.
        }

        memory.AbortAll();
    }

    /// <summary>Builds the server of either form: Kestrel on 127.0.0.1, or TestServer in memory, both running one <see cref="RequestHandler"/>.</summary>
    private WebApplication Build(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        if (_memory is { } memory)
        {
            builder.WebHost.UseTestServer(o => o.BaseAddress = memory.BaseAddress);
        }
        else
        {
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, port);
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = RequestHandler.MaxRequestBodyBytes;
            });
        }

        var app = builder.Build();
        var handler = new RequestHandler(_state, Functions, _shutdown.Token);
        app.Run(handler.HandleAsync);
        return app;
    }
}

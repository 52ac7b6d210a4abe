using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using Enswitch.Client.Recording;
using Enswitch.Client.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Enswitch.Client.Tests;

/// <summary>
/// The options every test starts from: the guide's example host and credentials, plain http allowed,
/// and no pause between retries, so that only a test about delays needs the clock.
/// </summary>
internal static class TestOptions
{
    public const string CreateUrl = "http://enswitch.example.com/api/json/recording/groups/create/";

    public static readonly Uri BaseAddress = new("http://enswitch.example.com/");

    public static EnswitchClientOptions Create(Action<EnswitchClientOptions>? configure = null)
    {
        var options = new EnswitchClientOptions();
        Apply(options, configure);
        return options;
    }

    public static void Apply(EnswitchClientOptions options, Action<EnswitchClientOptions>? configure)
    {
        options.BaseAddress = BaseAddress;
        options.AllowInsecureHttp = true;
        options.Username = "user";
        options.Password = "password";
        options.RetryDelay = TimeSpan.Zero;
        configure?.Invoke(options);
    }
}

/// <summary>Response bodies in the Enswitch envelope format (enswitch-api.md section 1.4).</summary>
internal static class Envelope
{
    /// <summary>The guide's own example answer to <c>recording/groups/create</c>.</summary>
    public const string Created123 = """{ "responses":[{"code":"200","key":"","message":"OK"}], "data":{"id":123} }""";

    /// <summary>The answer to a call with <c>validation=1</c> whose parameters passed.</summary>
    public const string Validated = """{"responses":[{"code":"201","key":"","message":"OK"}]}""";

    /// <summary>One entry with the code as a JSON string, as Enswitch sends it.</summary>
    public static string Code(int code, string key = "", string message = "") => Entries((code, key, message));

    public static string Entries(params (int Code, string Key, string Message)[] entries) =>
        "{\"responses\":[" +
        string.Join(',', entries.Select(e => $"{{\"code\":\"{e.Code}\",\"key\":{JsonSerializer.Serialize(e.Key)},\"message\":{JsonSerializer.Serialize(e.Message)}}}")) +
        "]}";

    /// <summary>A code 200 envelope whose <c>data</c> is the given raw JSON.</summary>
    public static string WithData(string dataJson) =>
        """{"responses":[{"code":"200","key":"","message":"OK"}],"data":""" + dataJson + "}";
}

/// <summary>
/// What the fake server does with one request. A reply that reaches the server reads the request
/// body first, as a real server does, which is what tells the SDK that the body went out.
/// </summary>
internal sealed class Reply
{
    private readonly Func<HttpRequestMessage, Task<HttpResponseMessage>> _respond;

    private Reply(bool reachesServer, Func<HttpRequestMessage, Task<HttpResponseMessage>> respond)
    {
        ReachesServer = reachesServer;
        _respond = respond;
    }

    public bool ReachesServer { get; }

    public static Reply Answer(Func<HttpResponseMessage> response) =>
        new(true, _ => Task.FromResult(response()));

    public static Reply Json(string body, HttpStatusCode status = HttpStatusCode.OK, string? retryAfter = null) =>
        With(status, () => new StringContent(body, Encoding.UTF8, "application/json"), retryAfter);

    public static Reply Html(HttpStatusCode status, string page, string? retryAfter = null) =>
        With(status, () => new StringContent(page, Encoding.UTF8, "text/html"), retryAfter);

    public static Reply Bytes(byte[] body, HttpStatusCode status = HttpStatusCode.OK) =>
        With(status, () => new ByteArrayContent(body), null);

    public static Reply With(HttpStatusCode status, Func<HttpContent> content, string? retryAfter = null) =>
        Answer(() =>
        {
            var response = new HttpResponseMessage(status) { Content = content() };
            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return response;
        });

    /// <summary>A JSON body sent without a length, as chunked transfer does, so the SDK reads it piece by piece.</summary>
    public static Reply Unsized(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        With(status, () => new StreamContent(ForwardOnlyStream.Of(Encoding.UTF8.GetBytes(body))));

    /// <summary>The connection is refused: nothing reaches the server.</summary>
    public static Reply Refused(string message = "Connection refused") =>
        FailBeforeSending(new HttpRequestException(HttpRequestError.ConnectionError, message));

    /// <summary>The send fails with <paramref name="exception"/> before any byte of the request went out.</summary>
    public static Reply FailBeforeSending(Exception exception) =>
        new(false, _ => throw exception);

    /// <summary>The server reads the whole request, then the connection fails with <paramref name="exception"/>.</summary>
    public static Reply ReadThenFail(Exception exception) =>
        new(true, _ => throw exception);

    /// <summary>The server reads the whole request and never answers.</summary>
    public static Reply Hang() =>
        new(true, _ => new TaskCompletionSource<HttpResponseMessage>().Task);

    public Task<HttpResponseMessage> RespondAsync(HttpRequestMessage request) => _respond(request);
}

/// <summary>
/// A response body that can only be read forward, like a chunked one: it has no length, so the SDK
/// cannot size its buffer up front.
/// </summary>
internal sealed class ForwardOnlyStream : Stream
{
    private readonly Func<byte[], int, int, int> _read;

    private ForwardOnlyStream(Func<byte[], int, int, int> read) => _read = read;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public static ForwardOnlyStream Of(byte[] bytes) => new(new MemoryStream(bytes).Read);

    /// <summary>A body that arrives in pieces of at most <paramref name="chunk"/> bytes, as a slow network delivers it.</summary>
    public static ForwardOnlyStream InChunks(byte[] bytes, int chunk)
    {
        var source = new MemoryStream(bytes);
        return new((buffer, offset, count) => source.Read(buffer, offset, Math.Min(count, chunk)));
    }

    /// <summary>A body that never ends.</summary>
    public static ForwardOnlyStream Endless() => new((buffer, offset, count) =>
    {
        Array.Fill(buffer, (byte)'x', offset, count);
        return count;
    });

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = _read(buffer, offset, count);
        BytesRead += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A request as the fake server received it.</summary>
internal sealed record ReceivedRequest(HttpMethod Method, string Uri, string Query, string? Body, string? ContentType)
{
    /// <summary>Gets the User-Agent header as sent, or <see langword="null"/> when there was none.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Gets a value indicating whether the request asked for its connection to be closed after it.</summary>
    public bool ConnectionClose { get; init; }
}

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells when a timer with a given due time is created, so
/// a test can advance the clock after the SDK has started to wait and not before.
/// </summary>
internal sealed class ObservableTimeProvider : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _created = [];
    private readonly List<(TimeSpan Due, TaskCompletionSource Signal)> _waiters = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _created.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => w.Due == dueTime))
            {
                waiter.Signal.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Completes once a timer due after <paramref name="dueTime"/> has been created.</summary>
    public Task TimerCreatedAsync(TimeSpan dueTime)
    {
        lock (_gate)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_created.Contains(dueTime))
            {
                signal.SetResult();
            }
            else
            {
                _waiters.Add((dueTime, signal));
            }

            return signal.Task;
        }
    }
}

/// <summary>
/// A record groups client wired to a fake server (MockHttp), a fake clock and a fake log, either
/// directly through the SDK's internal constructor or through <c>AddEnswitchClient</c>.
/// </summary>
internal sealed class ClientHarness : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private readonly object _gate = new();
    private readonly List<ReceivedRequest> _received = [];
    private readonly Dictionary<int, TaskCompletionSource> _arrivals = [];
    private readonly ServiceProvider? _services;
    private readonly MockHttpMessageHandler _mock = new();
    private Reply[] _replies = [Reply.Json(Envelope.Created123)];
    private int _sends;

    private ClientHarness(Action<EnswitchClientOptions>? configure, bool dependencyInjection, Action<IHttpClientBuilder>? http, Action<EnswitchPipeline>? adjust = null)
    {
        _mock.When("*").Respond(HandleAsync);

        // A meter factory of its own, so that a test's metric collectors see only this harness's calls.
        var services = new ServiceCollection().AddMetrics();
        if (!dependencyInjection)
        {
            _services = services.BuildServiceProvider();
            MeterFactory = _services.GetRequiredService<IMeterFactory>();
            var logger = new FakeLogger();
            Logs = logger.Collector;
            var pipeline = new EnswitchPipeline(TestOptions.Create(configure), logger, Time, MeterFactory);
            adjust?.Invoke(pipeline);
            var transport = new EnswitchTransport(_mock.ToHttpClient(), pipeline, deferQuery: false);
            Client = new RecordGroupsClient(transport);
            Enswitch = new EnswitchClientCore(transport);
            return;
        }

        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton<TimeProvider>(Time);
        var builder = services.AddEnswitchClient(o => TestOptions.Apply(o, configure)).ConfigurePrimaryHttpMessageHandler(() => _mock);
        http?.Invoke(builder);
        _services = services.BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        Client = _services.GetRequiredService<IRecordGroupsClient>();
        Enswitch = _services.GetRequiredService<IEnswitchClient>();
        Logs = _services.GetFakeLogCollector();
    }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public ObservableTimeProvider Time { get; } = new();

    public IRecordGroupsClient Client { get; }

    /// <summary>Gets the whole client on the same transport (and fake server), for raw calls.</summary>
    public IEnswitchClient Enswitch { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>Gets the meter factory the SDK's instruments come from, the scope to collect them in.</summary>
    public IMeterFactory MeterFactory { get; }

    /// <summary>Gets how many times a request was handed to the fake network, refused connections included.</summary>
    public int Sends => Volatile.Read(ref _sends);

    /// <summary>Gets the requests that reached the fake server, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    public static ClientHarness Direct(Action<EnswitchClientOptions>? configure = null) => new(configure, false, null);

    /// <summary>A harness whose pipeline takes the path of an HttpWebRequest-based stack (.NET Framework, Mono).</summary>
    public static ClientHarness OnLegacyHttpStack(Action<EnswitchClientOptions>? configure = null) =>
        new(configure, false, null, pipeline => pipeline.LegacyHttpStack = true);

    public static ClientHarness Create(bool dependencyInjection, Action<EnswitchClientOptions>? configure = null) => new(configure, dependencyInjection, null);

    public static ClientHarness WithDependencyInjection(Action<EnswitchClientOptions>? configure = null, Action<IHttpClientBuilder>? http = null) =>
        new(configure, true, http);

    /// <summary>Sets what the server does with each request in turn; the last reply answers every later one.</summary>
    public ClientHarness Replies(params Reply[] replies)
    {
        _replies = replies;
        return this;
    }

    public Task<CreateRecordGroupResult> CreateAsync(CreateRecordGroupRequest? request = null) =>
        Client.CreateAsync(request ?? new CreateRecordGroupRequest("example"), cancellationToken: Token);

    public Task ValidateCreateAsync(CreateRecordGroupRequest? request = null) =>
        Client.ValidateCreateAsync(request ?? new CreateRecordGroupRequest("example"), cancellationToken: Token);

    /// <summary>Completes when the <paramref name="count"/>-th request has reached the server.</summary>
    public Task ReceivedAsync(int count)
    {
        lock (_gate)
        {
            return Arrival(count).Task;
        }
    }

    /// <summary>
    /// Waits until <paramref name="signal"/> completes, failing at once if <paramref name="call"/>
    /// finishes first (the SDK did not get as far as the test expected).
    /// </summary>
    public static async Task WaitUntilAsync(Task signal, Task call, string what)
    {
        var first = await Task.WhenAny(signal, call).WaitAsync(HangGuard, Token);
        Assert.True(first == signal, $"The call finished before {what}: {call.Exception?.InnerException?.Message ?? call.Status.ToString()}");
    }

    /// <summary>
    /// Returns <paramref name="call"/>, failing with a <see cref="TimeoutException"/> instead of hanging
    /// the run if the SDK waits for something the test will never do (a timer the fake clock never
    /// reaches). It is a hang guard, not a timing assertion: every delay in these tests is on the fake
    /// clock and a call takes milliseconds of real time.
    /// </summary>
    public static Task Settled(Task call) => call.WaitAsync(HangGuard, Token);

    /// <summary>Advances the clock by <paramref name="by"/> once the <paramref name="count"/>-th request has reached the server.</summary>
    public async Task AdvanceWhenReceivedAsync(Task call, int count, TimeSpan by)
    {
        await WaitUntilAsync(ReceivedAsync(count), call, $"request {count} reached the server");
        Time.Advance(by);
    }

    public void Dispose()
    {
        _services?.Dispose();
        _mock.Dispose();
    }

    private Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        var index = Interlocked.Increment(ref _sends) - 1;
        var reply = _replies[Math.Min(index, _replies.Length - 1)];
        if (reply.ReachesServer)
        {
            // Reading the body is what a server does first; it also marks the SDK's form body as sent.
            var body = request.Content?.ReadAsStringAsync().GetAwaiter().GetResult();
            var uri = request.RequestUri!;
            lock (_gate)
            {
                _received.Add(new ReceivedRequest(request.Method, uri.AbsoluteUri, uri.Query, body, request.Content?.Headers.ContentType?.MediaType)
                {
                    UserAgent = request.Headers.TryGetValues("User-Agent", out var userAgent) ? string.Join(' ', userAgent) : null,
                    ConnectionClose = request.Headers.ConnectionClose == true,
                });
                Arrival(_received.Count).TrySetResult();
            }
        }

        return reply.RespondAsync(request);
    }

    private TaskCompletionSource Arrival(int count)
    {
        if (!_arrivals.TryGetValue(count, out var signal))
        {
            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _arrivals[count] = signal;
        }

        return signal;
    }
}

/// <summary>
/// A careless app-wide handler that sends every request twice and keeps the second answer: the worst
/// an outer retry handler can do to a create.
/// </summary>
internal sealed class SendTwiceHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (await base.SendAsync(request, cancellationToken))
        {
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// An app-wide retry handler of the kind that sends a fresh copy of the request each time (as Microsoft.Extensions.Http.Resilience
/// does): the same body and headers, and none of the original request's options.
/// </summary>
internal sealed class SendCopyTwiceHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (await base.SendAsync(Copy(request), cancellationToken))
        {
        }

        return await base.SendAsync(Copy(request), cancellationToken);
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}

/// <summary>
/// A handler that logs or rewrites request bodies: it reads the body and sends a clone with a new body of the same bytes,
/// the request's options copied (the common clone helper), <paramref name="times"/> times.
/// </summary>
internal sealed class CloneWithNewBodyHandler(int times) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bytes = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        for (var i = 1; ; i++)
        {
            var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
            if (bytes is not null)
            {
                clone.Content = new ByteArrayContent(bytes);
            }

            foreach (var option in request.Options)
            {
                ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
            }

            var response = await base.SendAsync(clone, cancellationToken);
            if (i == times)
            {
                return response;
            }

            response.Dispose();
        }
    }
}

/// <summary>
/// A retry handler that sends a copy with a new body and without the request's options, and tries again once when the
/// send throws <see cref="HttpRequestException"/>: the SDK's innermost handler never sees the attempt's state.
/// </summary>
internal sealed class BareCopyRetryHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bytes = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return await base.SendAsync(Copy(request, bytes), cancellationToken);
        }
        catch (HttpRequestException)
        {
            return await base.SendAsync(Copy(request, bytes), cancellationToken);
        }
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[] bytes) =>
        new(request.Method, request.RequestUri) { Content = new ByteArrayContent(bytes), Version = request.Version };
}

/// <summary>Short forms of the most common arrange-act steps.</summary>
internal static class Expect
{
    /// <summary>
    /// Calls create against a server that answers with <paramref name="reply"/>, and returns the
    /// exception after checking it is of type <typeparamref name="T"/> and came from a single request.
    /// </summary>
    public static async Task<T> CreateFailsOnceAsync<T>(Reply reply, Action<EnswitchClientOptions>? configure = null)
        where T : EnswitchException
    {
        using var harness = ClientHarness.Direct(configure).Replies(reply);
        var exception = await Assert.ThrowsAsync<T>(() => harness.CreateAsync());
        Assert.Equal("recording/groups/create", exception.Function);
        Assert.Equal(1, exception.Attempts);
        Assert.Equal(1, harness.Sends);
        return exception;
    }

    /// <summary>Calls create against a server that answers HTTP 200 with <paramref name="body"/> and expects an unusable response.</summary>
    public static async Task<EnswitchProtocolException> CreateRejectsBodyAsync(string body)
    {
        var exception = await CreateFailsOnceAsync<EnswitchProtocolException>(Reply.Json(body));
        Assert.Equal(200, exception.HttpStatus);
        Assert.True(exception.OutcomeUnknown);
        return exception;
    }

    /// <summary>Calls create against a server that answers HTTP 200 with <paramref name="body"/> and returns the new id.</summary>
    public static async Task<long> CreateAcceptsBodyAsync(string body)
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(body));
        return (await harness.CreateAsync()).Id;
    }
}

/// <summary>Reads the wire form of parameters the way a form or CGI parser on the server would.</summary>
internal static class WireForm
{
    /// <summary>The guide's own example request, as GET mode must send it.</summary>
    public const string GuideExampleUrl = "http://enswitch.example.com/api/json/recording/groups/create/?auth_username=user;auth_password=password;name=example";

    /// <summary>Checks the server received exactly the guide's example request in GET mode.</summary>
    public static void AssertGuideExample(IReadOnlyList<ReceivedRequest> received)
    {
        var request = Assert.Single(received);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(GuideExampleUrl, request.Uri);
        Assert.True(string.IsNullOrEmpty(request.Body), "A GET carries its parameters in the URL only.");
    }

    /// <summary>Checks the server received the guide's example as a POST form with no query string.</summary>
    public static void AssertGuideExampleAsForm(IReadOnlyList<ReceivedRequest> received)
    {
        var request = Assert.Single(received);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(TestOptions.CreateUrl, request.Uri);
        Assert.Equal(string.Empty, request.Query);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("auth_username=user&auth_password=password&name=example", request.Body);
    }

    /// <summary>Returns the raw wire text of the parameters, with ';' between them whatever the method.</summary>
    public static string TextOf(ReceivedRequest request) =>
        request.Method == HttpMethod.Get ? request.Query.TrimStart('?') : request.Body!.Replace('&', ';');

    /// <summary>Returns the parameters as the server decodes them, whichever method carried them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParametersOf(ReceivedRequest request) =>
        request.Method == HttpMethod.Get ? Parse(request.Query.TrimStart('?'), ';') : Parse(request.Body!, '&');

    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text, char separator) =>
        text.Length == 0
            ? []
            : text.Split(separator).Select(pair =>
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                Assert.True(at > 0, $"'{pair}' is not a name=value pair");
                return new KeyValuePair<string, string>(Decode(pair[..at]), Decode(pair[(at + 1)..]));
            }).ToArray();

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}

/// <summary>
/// A random password that needs encoding, and the checks that it appears nowhere, in any of the
/// forms a leak could take.
/// </summary>
internal static class Canary
{
    public static string NewPassword()
    {
        var marker = Guid.NewGuid().ToString("N");
        return $"Pw&{marker}=;+% é😀";
    }

    /// <summary>The forms a leak could take: raw, percent-encoded (RFC 3986 and form style), and the bare marker.</summary>
    public static IEnumerable<string> Forms(string password)
    {
        yield return password;
        yield return Uri.EscapeDataString(password);
        yield return WebUtility.UrlEncode(password);
        yield return password.Substring(3, 32);
    }

    public static void AssertAbsent(string password, string? text, string where)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var form in Forms(password))
        {
            Assert.False(text.Contains(form, StringComparison.OrdinalIgnoreCase), $"The password ({form}) appears in {where}: {text}");
        }
    }

    public static void AssertAbsent(string password, Exception exception)
    {
        AssertAbsent(password, exception.Message, "the exception message");
        AssertAbsent(password, exception.ToString(), "the exception's ToString()");
        for (var current = exception; current is not null; current = current.InnerException)
        {
            foreach (System.Collections.DictionaryEntry entry in current.Data)
            {
                AssertAbsent(password, $"{entry.Key}={entry.Value}", "the exception's Data");
            }
        }

        if (exception is EnswitchProtocolException protocol)
        {
            AssertAbsent(password, protocol.BodySnippet, "BodySnippet");
        }

        if (exception is EnswitchApiException api)
        {
            AssertAbsent(password, api.ServerMessage, "ServerMessage");
            AssertAbsent(password, api.Key, "Key");
            AssertAbsent(password, string.Join('|', api.Responses), "Responses");
        }
    }

    public static void AssertAbsent(string password, FakeLogCollector logs)
    {
        foreach (var record in logs.GetSnapshot())
        {
            var where = $"the log record {record.Category}/{record.Id}";
            AssertAbsent(password, record.Message, where);
            AssertAbsent(password, record.Exception?.ToString(), where + " (exception)");
            AssertAbsent(password, string.Join('|', record.StructuredState ?? []), where + " (state)");
            AssertAbsent(password, string.Join('|', record.Scopes.Select(s => s?.ToString())), where + " (scopes)");
        }
    }
}

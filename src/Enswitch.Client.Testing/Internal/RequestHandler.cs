using System.Text;
using Microsoft.AspNetCore.Http;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// Serves one HTTP request the way Enswitch does: decode, authenticate (or not, for a function the guide runs
/// without), journal, apply any injected or selected fault (before or after the function, as the fault says),
/// check role and rate plan, run the function, answer HTTP 200 with the envelope (or, for a recording's audio,
/// the body the function streams).
/// </summary>
internal sealed class RequestHandler
{
    /// <summary>The largest request body the emulator reads (Kestrel's <c>MaxRequestBodySize</c> in the socket form): 4 MiB.</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    private const string Prefix = "/api/json/";

    private readonly EmulatorState _state;
    private readonly IReadOnlyDictionary<string, FunctionSpec> _functions;
    private readonly CancellationToken _shutdown;

    public RequestHandler(EmulatorState state, IReadOnlyDictionary<string, FunctionSpec> functions, CancellationToken shutdown)
    {
        _state = state;
        _functions = functions;
        _shutdown = shutdown;
    }

    public async Task HandleAsync(HttpContext context)
    {
        _state.BeginRequest();
        try
        {
            await HandleCoreAsync(context).ConfigureAwait(false);
        }
        finally
        {
            _state.EndRequest();
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var function = path[Prefix.Length..].TrimEnd('/');
        var fault = _state.TakeFault(function);
        if (fault is { Kind: EmulatorFaultKind.CloseBeforeRequest })
        {
            _state.Record(new EmulatorRequest(function, context.Request.Method, [], [], context.Request.QueryString.HasValue, fault.Description));
            context.Abort();
            return;
        }

        if (IsFormBody(context.Request) && context.Request.ContentLength > MaxRequestBodyBytes)
        {
            // As Kestrel answers a declared body over its MaxRequestBodySize, before anything is read or journaled; the
            // check is here so that the in-memory form, which has no such limit of its own, answers the same.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown);
        var parameters = await ReadParametersAsync(context.Request, stop.Token).ConfigureAwait(false);
        var version = _state.Options.Version;

        // A function added after the emulated version is unknown to it, as on that real server.
        var spec = _functions.TryGetValue(function, out var known) && known.Since <= version ? known : null;
        var unknown = spec?.UnknownParameters(parameters.Select(p => p.Key), version) ?? [];
        var request = new EmulatorRequest(function, context.Request.Method, parameters, unknown, context.Request.QueryString.HasValue, null)
        {
            UserAgent = context.Request.Headers.UserAgent is { Count: > 0 } userAgent ? userAgent.ToString() : null,
        };

        // Authenticating before journaling lets the journal say which credential each request used.
        var (user, credential) = Authenticate(request);
        request = request with { Fault = fault?.Description, AuthenticatedWith = credential };

        // A delay's timer is armed before the request is journaled, so that a test which saw the request
        // (WaitForRequestAsync) and then advances a fake clock always ends the wait.
        var faultStop = fault is { OutlivesClient: true } ? _shutdown : stop.Token;
        var delay = fault is { Kind: EmulatorFaultKind.Delay } ? Task.Delay(fault.Duration, _state.Options.TimeProvider, faultStop) : null;
        _state.Record(request);

        if (fault is null)
        {
            await AnswerAsync(context, Serve(spec, request, user), stop.Token).ConfigureAwait(false);
            return;
        }

        var applied = fault.AppliesFirst ? Serve(spec, request, user) : null;
        if (!await FaultRunner.RunAsync(context, fault, delay, faultStop).ConfigureAwait(false))
        {
            return;
        }

        var result = applied ?? Serve(spec, request, user);
        if (!fault.OutlivesClient)
        {
            await AnswerAsync(context, result, stop.Token).ConfigureAwait(false);
            return;
        }

        try
        {
            await AnswerAsync(context, result, _shutdown).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested || _shutdown.IsCancellationRequested)
        {
            // The client gave up during the delay: the function was applied all the same, and there is
            // no one left to answer.
        }
    }

    private static async Task AnswerAsync(HttpContext context, FunctionResult result, CancellationToken cancellationToken)
    {
        if (result.WriteBody is { } writeBody)
        {
            await writeBody(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        var body = EnvelopeWriter.Write(result);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = EnvelopeWriter.ContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds the user a request authenticates as. From 4.1 an <c>auth_token</c> stands in for the
    /// username and password; when one is sent it alone decides (the guide is silent on requests that
    /// carry both), so a bad or expired token answers 401 even beside a good password.
    /// </summary>
    private (EmulatedUser? User, EmulatorCredential Credential) Authenticate(EmulatorRequest request)
    {
        if (_state.Options.Version >= EnswitchVersions.Tokens && request["auth_token"] is { } token)
        {
            return _state.Tokens.TryResolve(token, out var owner) && _state.Users.TryGetValue(owner, out var tokenUser)
                ? (tokenUser, EmulatorCredential.Token)
                : (null, EmulatorCredential.None);
        }

        return _state.Users.TryGetValue(request["auth_username"] ?? string.Empty, out var user) && user.Password == request["auth_password"]
            ? (user, EmulatorCredential.Password)
            : (null, EmulatorCredential.None);
    }

    private FunctionResult Serve(FunctionSpec? spec, EmulatorRequest request, EmulatedUser? user)
    {
        if (user is null && (spec is null || !spec.ServesAnonymously(request)))
        {
            return FunctionResult.Unauthenticated();
        }

        if (spec is null)
        {
            return FunctionResult.UnknownFunction();
        }

        // An anonymous caller has no role or rate plan to check.
        if (user is not null && !spec.Permits(user))
        {
            return FunctionResult.RoleDenied();
        }

        if (user is not null && user.RatePlanDenies.Contains(spec.Name))
        {
            return FunctionResult.RatePlanDenied();
        }

        return spec.Handle(new FunctionCall(request, user, _state.Options), _state);
    }

    private static bool IsFormBody(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task<List<KeyValuePair<string, string>>> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (request.QueryString.HasValue)
        {
            WireParameters.Decode(request.QueryString.Value![1..], parameters);
        }

        if (IsFormBody(request))
        {
            // Kestrel's MaxRequestBodySize bounds what is read here when no length was declared (the in-memory form
            // always declares one).
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            WireParameters.Decode(text, parameters);
        }

        return parameters;
    }
}

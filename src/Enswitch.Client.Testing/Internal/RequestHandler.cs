using System.Text;
using Microsoft.AspNetCore.Http;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// Serves one HTTP request the way Enswitch does: decode, journal, apply any injected fault,
/// authenticate, check role and rate plan, run the function, answer HTTP 200 with the envelope.
/// </summary>
internal sealed class RequestHandler
{
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
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown);
        var function = path[Prefix.Length..].TrimEnd('/');
        var parameters = await ReadParametersAsync(context.Request, stop.Token).ConfigureAwait(false);
        _functions.TryGetValue(function, out var spec);
        var unknown = spec?.UnknownParameters(parameters.Select(p => p.Key), _state.Options.Version) ?? [];
        var fault = _state.TakeFault(function);
        var request = new EmulatorRequest(function, context.Request.Method, parameters, unknown, context.Request.QueryString.HasValue, fault?.Description);
        _state.Record(request);

        if (fault is not null && !await FaultRunner.RunAsync(context, fault, stop.Token).ConfigureAwait(false))
        {
            return;
        }

        var result = Serve(spec, request);
        var body = EnvelopeWriter.Write(result);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, stop.Token).ConfigureAwait(false);
    }

    private FunctionResult Serve(FunctionSpec? spec, EmulatorRequest request)
    {
        if (!_state.Users.TryGetValue(request["auth_username"] ?? string.Empty, out var user) || user.Password != request["auth_password"])
        {
            return new FunctionResult(401, string.Empty, "Invalid authentication details");
        }

        if (spec is null)
        {
            return new FunctionResult(404, string.Empty, "No such function");
        }

        if ((user.Roles & spec.AllowedRoles) == 0)
        {
            return new FunctionResult(402, string.Empty, "Your role does not permit this function");
        }

        if (user.RatePlanDenies.Contains(spec.Name))
        {
            return new FunctionResult(403, string.Empty, "Your rate plan does not permit this function");
        }

        return spec.Handle(new FunctionCall(request, user, _state.Options), _state);
    }

    private static async Task<List<KeyValuePair<string, string>>> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (request.QueryString.HasValue)
        {
            WireParameters.Decode(request.QueryString.Value![1..], parameters);
        }

        if (HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Kestrel's MaxRequestBodySize bounds what is read here.
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            WireParameters.Decode(text, parameters);
        }

        return parameters;
    }
}

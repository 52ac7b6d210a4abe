namespace Enswitch.Client.Transport;

/// <summary>
/// One catalogued function as the typed methods and the raw call send it: its descriptor, and the two ways to run it
/// (as its kind, and validate-only where it documents <c>validation</c>). Every call by any path is checked here
/// against <see cref="EnswitchClientOptions.ServerVersion"/> and has its secret parameters marked.
/// </summary>
internal sealed class CataloguedCall
{
    private readonly EnswitchFunction _function;
    private readonly EnswitchFunction? _validation;

    private CataloguedCall(string name, CataloguedFunction catalogued)
    {
        Name = name;
        Catalogued = catalogued;
        _function = Describe(name, catalogued.Kind, catalogued);
        _validation = catalogued.AcceptsValidation ? Describe(name, OperationKind.ValidateOnly, catalogued) : null;
    }

    /// <summary>Gets the wire name.</summary>
    public string Name { get; }

    /// <summary>Gets what the catalogue says of the function.</summary>
    public CataloguedFunction Catalogued { get; }

    /// <summary>Returns the call of a catalogued function; the generated clients hold one per method.</summary>
    public static CataloguedCall For(string name) =>
        FunctionCatalogue.TryGet(name, out var catalogued)
            ? new CataloguedCall(name, catalogued)
            : throw new InvalidOperationException($"'{name}' is not in the generated catalogue; regenerate the SDK.");

    /// <summary>Describes a function to the transport: its kind, and what the catalogue says of its answer and authentication.</summary>
    public static EnswitchFunction Describe(string name, OperationKind kind, CataloguedFunction? catalogued) => new(name, kind)
    {
        AnswerHoldsSecret = catalogued?.AnswerHoldsSecret == true,
        Anonymous = catalogued?.Authentication == FunctionAuthentication.None,
        DeletesIdempotently = catalogued is { AbsentMeansDone: true } && kind == OperationKind.IdempotentWrite,
    };

    /// <summary>
    /// Refuses what the server cannot take (a function or parameter newer than <see cref="EnswitchClientOptions.ServerVersion"/>,
    /// text that cannot be sent unchanged) and marks the secret parameters, before anything is sent.
    /// </summary>
    public static void Prepare(EnswitchTransport transport, string name, CataloguedFunction? catalogued, EnswitchParameters parameters)
    {
        VersionGate.CheckRaw(transport.Pipeline.Options.ServerVersion, name, parameters.Items, catalogued);
        foreach (var (parameter, value) in parameters.Items)
        {
            WireText.EnsureWellFormed(value, "request");
            if (catalogued?.SecretParameters.Contains(parameter) == true || (!Documents(catalogued, parameter) && LooksSecret(parameter)))
            {
                parameters.MarkSecret(value);
            }
        }
    }

    /// <summary>
    /// Returns whether a name the catalogue does not document for the function (an additional parameter, or any
    /// parameter of an unknown function) looks like a secret, by the catalogue's own rule: it holds password, pin,
    /// token or secret, or is auth_code. Its value is then masked in whatever the call quotes.
    /// </summary>
    public static bool LooksSecret(string name) =>
        name == "auth_code" || SecretMarks.Any(mark => name.Contains(mark, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] SecretMarks = ["password", "pin", "token", "secret"];

    private static bool Documents(CataloguedFunction? catalogued, string parameter) =>
        catalogued is not null && (catalogued.DocumentedParameters.Contains(parameter) || parameter == "validation");

    /// <summary>Sends the call as its catalogued kind.</summary>
    public Task<T> InvokeAsync<T>(EnswitchTransport transport, EnswitchParameters parameters, ResponseReader<T> reader, EnswitchRequestOptions? options, CancellationToken cancellationToken)
    {
        Prepare(transport, Name, Catalogued, parameters);
        return transport.CallAsync(_function, parameters, reader, options, cancellationToken);
    }

    /// <summary>Sends the call with <c>validation=1</c>, which writes nothing, and accepts only code 201.</summary>
    public Task ValidateAsync(EnswitchTransport transport, EnswitchParameters parameters, EnswitchRequestOptions? options, CancellationToken cancellationToken)
    {
        var validation = _validation ?? throw new InvalidOperationException($"'{Name}' documents no validation parameter.");
        parameters.Add("validation", "1");
        Prepare(transport, Name, Catalogued, parameters);
        return transport.CallAsync(validation, parameters, Envelopes.ValidatedReader, options, cancellationToken);
    }
}

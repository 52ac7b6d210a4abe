using System.Text.Json;

namespace Enswitch.Client.Transport;

/// <summary>The checks and the data reader of a call by function name.</summary>
internal static class RawCall
{
    /// <summary>Accepts a path of lower-case words separated by single slashes, as every Enswitch function is named.</summary>
    public static void CheckFunction(string functionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        var previous = '/';
        foreach (var c in functionName)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' || (c == '/' && previous != '/');
            if (!ok)
            {
                throw new ArgumentException("A function is a path such as 'recording/groups/create': lower-case letters, digits and underscores, separated by single slashes.", nameof(functionName));
            }

            previous = c;
        }

        if (previous == '/')
        {
            throw new ArgumentException("A function path must not end with a slash; the SDK adds it.", nameof(functionName));
        }
    }

    /// <summary>
    /// Returns the kind a raw call runs as: the caller's, else the catalogue's, else NonIdempotent. A caller's
    /// kind that would let the SDK repeat what the catalogue says must not be repeated is refused; validating
    /// (ValidateOnly with <c>validation=1</c>) is the one way to call such a function as retryable.
    /// </summary>
    public static OperationKind KindOf(string functionName, OperationKind? requested, CataloguedFunction? catalogued, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (requested is not { } kind)
        {
            return catalogued?.Kind ?? OperationKind.NonIdempotent;
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(requested), kind, "Not an operation kind.");
        }

        if (catalogued?.Kind == OperationKind.NonIdempotent && kind != OperationKind.NonIdempotent)
        {
            // Only a function that documents validation validates instead of writing; a server that does not know
            // the parameter ignores it and does the work. The value must be exactly one "1": a CGI server reads
            // the first of repeated names.
            var validations = parameters.Where(p => p.Key == "validation").ToList();
            var validating = catalogued.AcceptsValidation && validations.Count == 1 && validations[0].Value == "1";
            if (kind != OperationKind.ValidateOnly || !validating)
            {
                throw new ArgumentException(
                    $"'{functionName}' is NonIdempotent (repeating it does the work again), so it cannot be called as {kind}, which the SDK may repeat. " +
                    (catalogued.AcceptsValidation
                        ? "Leave the kind unset, or pass ValidateOnly with exactly one validation=1 to validate without writing."
                        : "Leave the kind unset: the function documents no validation parameter, so it cannot be called validate-only."),
                    "kind");
            }
        }

        return kind;
    }

    /// <summary>Refuses credentials (the SDK adds them, and must not send them twice) and text that cannot be sent unchanged.</summary>
    public static void CheckParameter(string name, string value, string argument = "parameters")
    {
        ArgumentException.ThrowIfNullOrEmpty(name, argument);
        ArgumentNullException.ThrowIfNull(value, argument);
        if (name is "auth_username" or "auth_password" or "auth_token")
        {
            throw new ArgumentException($"Parameter '{name}' is a credential; the SDK adds credentials itself.", argument);
        }

        WireText.EnsureWellFormed(name, argument);
        WireText.EnsureWellFormed(value, argument);
    }

    /// <summary>The reader of a raw call; see <see cref="ReadData"/>.</summary>
    public static ResponseReader<JsonElement?> Reader { get; } = ResponseReader<JsonElement?>.Envelope(ReadData);

    /// <summary>
    /// The reader of a raw validate-only call: only 201 (validation passed, nothing written) is success; a server that
    /// ignores <c>validation</c> answers 200 or 204 and may have applied the call, which <see cref="Envelopes.Validated"/>
    /// reports as such.
    /// </summary>
    public static ResponseReader<JsonElement?> ValidatedReader { get; } = ResponseReader<JsonElement?>.Envelope(envelope =>
    {
        Envelopes.Validated(envelope);
        return ReadData(envelope);
    });

    /// <summary>The whole-answer reader of a raw validate-only call; see <see cref="ValidatedReader"/>.</summary>
    public static ResponseReader<EnswitchResponse> ValidatedAnswerReader { get; } = ResponseReader<EnswitchResponse>.Whole((response, scrubber, envelope) =>
    {
        Envelopes.Validated(envelope);
        return ReadAnswer(response, scrubber, envelope);
    });

    /// <summary>The reader of a raw list's page: the rows of <c>data</c>, each a copy; no data is no rows.</summary>
    public static ResponseReader<IReadOnlyList<JsonElement>> RowsReader { get; } = ResponseReader<IReadOnlyList<JsonElement>>.Envelope(ReadRows);

    /// <summary>Reads the <c>offset</c> or <c>limit</c> of a raw list, which the SDK interprets rather than sends as given.</summary>
    public static long WholeNumber(string name, string value) =>
        long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"Parameter '{name}' must be a whole number to page with it.", nameof(value));

    /// <summary>The reader of a raw call that returns the whole answer; see <see cref="ReadAnswer"/>.</summary>
    public static ResponseReader<EnswitchResponse> AnswerReader { get; } = ResponseReader<EnswitchResponse>.Whole(ReadAnswer);

    /// <summary>
    /// Returns the whole answer: the status, the headers (response and content) with every secret masked, the scrubbed
    /// <c>responses</c> entries, and a copy of <c>data</c>.
    /// </summary>
    public static EnswitchResponse ReadAnswer(HttpResponseMessage response, SecretScrubber scrubber, EnswitchEnvelope envelope)
    {
        scrubber.MaskHeaders(response);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = headers.TryGetValue(header.Key, out var earlier) ? [.. earlier, .. header.Value] : [.. header.Value];
        }

        return new EnswitchResponse((int)response.StatusCode, headers, scrubber.Scrub(envelope.Responses), ReadData(envelope));
    }

    /// <summary>Returns a copy of <c>data</c> that outlives the response, or null when there is none.</summary>
    public static JsonElement? ReadData(EnswitchEnvelope envelope)
    {
        if (envelope.Data is not { } data)
        {
            return null;
        }

        using var document = JsonDocument.Parse(data);
        return document.RootElement.Clone();
    }

    private static IReadOnlyList<JsonElement> ReadRows(EnswitchEnvelope envelope)
    {
        if (ReadData(envelope) is not { } data)
        {
            return [];
        }

        return data.ValueKind == JsonValueKind.Array
            ? [.. data.EnumerateArray()]
            : throw new EnswitchProtocolException($"A page of a list answered {data.ValueKind} data where an array of rows belongs.");
    }
}

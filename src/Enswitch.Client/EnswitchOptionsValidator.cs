using Enswitch.Client.Transport;
using Enswitch.Client.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Enswitch.Client;

/// <summary>
/// Checks <see cref="EnswitchClientOptions"/> before anything is sent: at host start-up through
/// <c>ValidateOnStart</c>, and in the constructors used without dependency injection.
/// </summary>
internal sealed class EnswitchOptionsValidator : IValidateOptions<EnswitchClientOptions>
{
    // Options made in code and handed to a constructor or EnswitchClient.Create.
    private const string CodePrefix = "EnswitchClientOptions.";

    private readonly Dictionary<string, string> _prefixes;

    public EnswitchOptionsValidator(IEnumerable<EnswitchClientRegistration> registrations) =>
        _prefixes = registrations.ToDictionary(r => r.Name, r => r.OptionPrefix, StringComparer.Ordinal);

    public ValidateOptionsResult Validate(string? name, EnswitchClientOptions options)
    {
        // Options of a name no AddEnswitchClient registered are not the SDK's to judge.
        if (!_prefixes.TryGetValue(name ?? Options.DefaultName, out var prefix))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = Check(options, prefix);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws an <see cref="OptionsValidationException"/> listing every problem, if there is one.</summary>
    public static void ThrowIfInvalid(EnswitchClientOptions options)
    {
        var failures = Check(options, CodePrefix);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EnswitchClientOptions), failures);
        }
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> listing every value of one call's options that is out of bounds, before
    /// anything is sent; the bounds are those of the client options of the same names.
    /// </summary>
    public static void ThrowIfInvalid(EnswitchRequestOptions options)
    {
        var failures = new List<string>();
        CheckLimits(failures, "EnswitchRequestOptions.", options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.MaxResponseBytes, options.MaxDownloadBytes);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }
    }

    /// <param name="options">The options.</param>
    /// <param name="p">What option names are prefixed with: the configuration path they were bound from, with a colon, or <see cref="CodePrefix"/>.</param>
    private static List<string> Check(EnswitchClientOptions options, string p)
    {
        var failures = new List<string>();
        CheckBaseAddress(options, p, failures);
        if (string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add($"{p}Username is required.");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{p}Password is required.");
        }

        if (!WireText.IsWellFormed(options.Username))
        {
            failures.Add($"{p}Username holds an unpaired UTF-16 surrogate, which cannot be sent unchanged.");
        }

        if (!WireText.IsWellFormed(options.Password))
        {
            failures.Add($"{p}Password holds an unpaired UTF-16 surrogate, which cannot be sent unchanged.");
        }

        // The id goes into a header verbatim; anything but a product token could break it or add a second header.
        if (options.ApplicationId is { } applicationId && !UserAgentHeader.IsValidApplicationId(applicationId))
        {
            failures.Add($"{p}ApplicationId must be a product token such as MyApp/1.2: a name and an optional '/' and version, at most {UserAgentHeader.MaxApplicationIdLength} characters, letters, digits and !#$%&'*+-.^_`|~ only.");
        }

        if (!Enum.IsDefined(options.RequestMethod))
        {
            failures.Add($"{p}RequestMethod must be Post or Get.");
        }

        CheckLimits(failures, p, options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.MaxResponseBytes, options.MaxDownloadBytes);
        RequireAtLeast(failures, p, "RetryDelay", options.RetryDelay, TimeSpan.Zero, TimeSpan.FromDays(1));
        if (!Enum.IsDefined(options.Authentication))
        {
            failures.Add($"{p}Authentication must be Password or Token.");
        }

        RequireAtLeast(failures, p, "TokenRefreshMargin", options.TokenRefreshMargin, TimeSpan.Zero, TimeSpan.FromDays(1));
        if (options.Authentication == EnswitchAuthenticationMode.Token && options.ServerVersion is { } version && version < VersionGate.Tokens)
        {
            failures.Add($"{p}Authentication Token needs Enswitch {VersionGate.Tokens} or later, but ServerVersion is {version}.");
        }

        if (options.CircuitBreakerEnabled)
        {
            if (options.CircuitBreakerMinimumThroughput < 2)
            {
                failures.Add($"{p}CircuitBreakerMinimumThroughput must be at least 2.");
            }

            RequireAtLeast(failures, p, "CircuitBreakerSamplingDuration", options.CircuitBreakerSamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
            RequireAtLeast(failures, p, "CircuitBreakerBreakDuration", options.CircuitBreakerBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        }

        return failures;
    }

    private static void CheckBaseAddress(EnswitchClientOptions options, string p, List<string> failures)
    {
        var address = options.BaseAddress;
        if (address is null)
        {
            failures.Add($"{p}BaseAddress is required, for example https://pbx.example.com/.");
            return;
        }

        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{p}BaseAddress must be an absolute http or https address.");
            return;
        }

        // Credentials travel in the form body or the SDK's own query; user-info, a query or a fragment
        // in the base address would leak or be mangled (faults.md T19).
        if (address.UserInfo.Length > 0)
        {
            failures.Add($"{p}BaseAddress must not contain user information; set Username and Password instead.");
        }

        if (address.Query.Length > 0 || address.Fragment.Length > 0 || address.OriginalString.Contains('?', StringComparison.Ordinal))
        {
            failures.Add($"{p}BaseAddress must not contain a query string or fragment.");
        }

        if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback && !options.AllowInsecureHttp)
        {
            failures.Add($"{p}BaseAddress uses http:// for a host that is not a loopback address; use https://, or set AllowInsecureHttp to true to send the password unencrypted.");
        }
    }

    /// <summary>
    /// Checks the limits a call runs under, wherever they are set (the client's options, or one call's, where a value
    /// not set is <see langword="null"/> and not checked). Polly's own lower bounds for the timeouts are stated here so a
    /// bad value fails with our option name.
    /// </summary>
    private static void CheckLimits(List<string> failures, string p, TimeSpan? attempt, TimeSpan? total, int? maxRetries, long? maxResponseBytes, long? maxDownloadBytes)
    {
        if (maxRetries is < 0 or > EnswitchClientOptions.MaxRetriesLimit)
        {
            failures.Add($"{p}MaxRetries must be between 0 and {EnswitchClientOptions.MaxRetriesLimit}.");
        }

        if (attempt is { } a)
        {
            RequireAtLeast(failures, p, "AttemptTimeout", a, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        }

        if (total is { } t)
        {
            RequireAtLeast(failures, p, "TotalTimeout", t, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        }

        if (total < attempt)
        {
            failures.Add($"{p}TotalTimeout must not be shorter than {p}AttemptTimeout.");
        }

        if (maxResponseBytes is < 1024 or > int.MaxValue - 1)
        {
            failures.Add($"{p}MaxResponseBytes must be between 1024 and 2147483646.");
        }

        // No upper bound: a body past 2 GiB continues in further segments.
        if (maxDownloadBytes < 1024)
        {
            failures.Add($"{p}MaxDownloadBytes must be at least 1024.");
        }
    }

    private static void RequireAtLeast(List<string> failures, string p, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{p}{name} must be between {min} and {max}.");
        }
    }
}

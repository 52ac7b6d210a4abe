using Microsoft.Extensions.Options;

namespace Enswitch.Client.Transport;

/// <summary>
/// Checks <see cref="EnswitchClientOptions"/> before anything is sent: at host start-up through
/// <c>ValidateOnStart</c>, and in the constructors used without dependency injection.
/// </summary>
internal sealed class EnswitchOptionsValidator : IValidateOptions<EnswitchClientOptions>
{
    public ValidateOptionsResult Validate(string? name, EnswitchClientOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws an <see cref="OptionsValidationException"/> listing every problem, if there is one.</summary>
    public static void ThrowIfInvalid(EnswitchClientOptions options)
    {
        var failures = Check(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EnswitchClientOptions), failures);
        }
    }

    private static List<string> Check(EnswitchClientOptions options)
    {
        var failures = new List<string>();
        CheckBaseAddress(options, failures);
        if (string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add("Enswitch:Username is required.");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Enswitch:Password is required.");
        }

        if (!WireText.IsWellFormed(options.Username))
        {
            failures.Add("Enswitch:Username holds an unpaired UTF-16 surrogate, which cannot be sent unchanged.");
        }

        if (!WireText.IsWellFormed(options.Password))
        {
            failures.Add("Enswitch:Password holds an unpaired UTF-16 surrogate, which cannot be sent unchanged.");
        }

        // The id goes into a header verbatim; anything but a product token could break it or add a second header.
        if (options.ApplicationId is { } applicationId && !UserAgentHeader.IsValidApplicationId(applicationId))
        {
            failures.Add($"Enswitch:ApplicationId must be a product token such as MyApp/1.2: a name and an optional '/' and version, at most {UserAgentHeader.MaxApplicationIdLength} characters, letters, digits and !#$%&'*+-.^_`|~ only.");
        }

        if (!Enum.IsDefined(options.RequestMethod))
        {
            failures.Add("Enswitch:RequestMethod must be Post or Get.");
        }

        if (options.MaxRetries is < 0 or > EnswitchClientOptions.MaxRetriesLimit)
        {
            failures.Add($"Enswitch:MaxRetries must be between 0 and {EnswitchClientOptions.MaxRetriesLimit}.");
        }

        // Polly's own lower bounds, stated here so a bad value fails at start-up with our option name.
        RequireAtLeast(failures, "AttemptTimeout", options.AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        RequireAtLeast(failures, "TotalTimeout", options.TotalTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("Enswitch:TotalTimeout must not be shorter than Enswitch:AttemptTimeout.");
        }

        RequireAtLeast(failures, "RetryDelay", options.RetryDelay, TimeSpan.Zero, TimeSpan.FromDays(1));
        if (options.MaxResponseBytes is < 1024 or > int.MaxValue - 1)
        {
            failures.Add("Enswitch:MaxResponseBytes must be between 1024 and 2147483646.");
        }

        if (!Enum.IsDefined(options.Authentication))
        {
            failures.Add("Enswitch:Authentication must be Password or Token.");
        }

        RequireAtLeast(failures, "TokenRefreshMargin", options.TokenRefreshMargin, TimeSpan.Zero, TimeSpan.FromDays(1));
        if (options.Authentication == EnswitchAuthenticationMode.Token && options.ServerVersion is { } version && version < VersionGate.Tokens)
        {
            failures.Add($"Enswitch:Authentication Token needs Enswitch {VersionGate.Tokens} or later, but ServerVersion is {version}.");
        }

        // No upper bound: a body past 2 GiB continues in further segments.
        if (options.MaxDownloadBytes < 1024)
        {
            failures.Add("Enswitch:MaxDownloadBytes must be at least 1024.");
        }

        if (options.CircuitBreakerEnabled)
        {
            if (options.CircuitBreakerMinimumThroughput < 2)
            {
                failures.Add("Enswitch:CircuitBreakerMinimumThroughput must be at least 2.");
            }

            RequireAtLeast(failures, "CircuitBreakerSamplingDuration", options.CircuitBreakerSamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
            RequireAtLeast(failures, "CircuitBreakerBreakDuration", options.CircuitBreakerBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        }

        return failures;
    }

    private static void CheckBaseAddress(EnswitchClientOptions options, List<string> failures)
    {
        var address = options.BaseAddress;
        if (address is null)
        {
            failures.Add("Enswitch:BaseAddress is required, for example https://pbx.example.com/.");
            return;
        }

        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Enswitch:BaseAddress must be an absolute http or https address.");
            return;
        }

        // Credentials travel in the form body or the SDK's own query; user-info, a query or a fragment
        // in the base address would leak or be mangled (faults.md T19).
        if (address.UserInfo.Length > 0)
        {
            failures.Add("Enswitch:BaseAddress must not contain user information; set Username and Password instead.");
        }

        if (address.Query.Length > 0 || address.Fragment.Length > 0 || address.OriginalString.Contains('?', StringComparison.Ordinal))
        {
            failures.Add("Enswitch:BaseAddress must not contain a query string or fragment.");
        }

        if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback && !options.AllowInsecureHttp)
        {
            failures.Add("Enswitch:BaseAddress uses http:// for a host that is not a loopback address; use https://, or set AllowInsecureHttp to true to send the password unencrypted.");
        }
    }

    private static void RequireAtLeast(List<string> failures, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"Enswitch:{name} must be between {min} and {max}.");
        }
    }
}

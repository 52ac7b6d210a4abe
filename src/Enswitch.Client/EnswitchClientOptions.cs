using System.Text.Json.Serialization;

namespace Enswitch.Client;

/// <summary>
/// Configures how the SDK reaches an Enswitch server, authenticates, and retries.
/// </summary>
/// <remarks>
/// Bind it from configuration (section <c>Enswitch</c> by convention) or set it in code. It is
/// validated when the application starts; see <c>AddEnswitchClient</c>.
/// <see cref="ToString"/> never shows <see cref="Password"/>.
/// </remarks>
public sealed class EnswitchClientOptions
{
    /// <summary>The default value of <see cref="MaxRetries"/>.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>The largest value <see cref="MaxRetries"/> accepts.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>The default value of <see cref="MaxResponseBytes"/>: 4 MiB.</summary>
    public const long DefaultMaxResponseBytes = 4 * 1024 * 1024;

    /// <summary>The default value of <see cref="MaxDownloadBytes"/>: 512 MiB.</summary>
    public const long DefaultMaxDownloadBytes = 512L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the root address of the Enswitch web server, for example
    /// <c>https://pbx.example.com/</c>. The SDK appends <c>api/json/&lt;function&gt;/</c>.
    /// It must use <c>https</c>, except for a loopback host or when <see cref="AllowInsecureHttp"/> is set,
    /// and must carry no user information, query string or fragment.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Gets or sets the Enswitch user name sent as <c>auth_username</c> on every call. API users are
    /// ordinary Enswitch users; their role and rate plan decide what each call may do.
    /// </summary>
    public string? Username { get; set; }

    /// <summary>
    /// Gets or sets the password sent as <c>auth_password</c> on every call. It is never logged,
    /// printed, serialized or quoted in an exception.
    /// </summary>
    [JsonIgnore]
    public string? Password { get; set; }

    /// <summary>
    /// Gets or sets how calls go on the wire. <see cref="EnswitchRequestMethod.Post"/> (the default)
    /// keeps the password out of every URL.
    /// </summary>
    public EnswitchRequestMethod RequestMethod { get; set; } = EnswitchRequestMethod.Post;

    /// <summary>
    /// Gets or sets how calls authenticate: the password on every call (the default), or a token from
    /// <c>user/login</c> (Enswitch 4.1 and later).
    /// </summary>
    public EnswitchAuthenticationMode Authentication { get; set; } = EnswitchAuthenticationMode.Password;

    /// <summary>
    /// Gets or sets how long before a token's expiry the SDK logs in again (default 30 seconds). The
    /// guide advises allowing a few seconds for rounding and clock differences.
    /// </summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the Enswitch version of the server, for example <c>4.4</c>. When it is set, a function or
    /// parameter added in a later version is refused before anything is sent, with an
    /// <see cref="EnswitchFeatureNotSupportedException"/> naming the version that added it. When it is not
    /// set (the default), nothing is refused and the server decides.
    /// </summary>
    public Version? ServerVersion { get; set; }

    /// <summary>
    /// Gets or sets the product token of the application, for example <c>MyApp/1.2</c>, placed first in the
    /// <c>User-Agent</c> header of every request so that the server's operators can tell which application
    /// called. It must be a name, optionally followed by <c>/</c> and a version, of at most 64 letters,
    /// digits and <c>!#$%&amp;'*+-.^_`|~</c> characters. The default is <see langword="null"/>: the header
    /// then names only the SDK, the .NET runtime and the operating system.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether an <c>http://</c> base address is accepted for a host
    /// that is not a loopback address. The password then crosses the network in clear text; a
    /// warning is logged once. The default is <see langword="false"/>.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Gets or sets how many times a failed call is tried again (0 to <see cref="MaxRetriesLimit"/>,
    /// default <see cref="DefaultMaxRetries"/>). A call that creates something is retried only when the
    /// failure proves nothing was sent; see the README's "Retries and OutcomeUnknown".
    /// </summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>
    /// Gets or sets the time one attempt may take, from sending the request to the last byte of the
    /// response body (default 30 seconds).
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the time a whole call may take, every attempt and every delay between attempts
    /// included (default 2 minutes). It must not be shorter than <see cref="AttemptTimeout"/>.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets the base delay before the first retry (default 500 milliseconds). Later retries
    /// wait exponentially longer, with jitter; a server's <c>Retry-After</c> replaces it when it fits
    /// in what is left of <see cref="TotalTimeout"/>.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets the largest response body the SDK reads, in bytes (default
    /// <see cref="DefaultMaxResponseBytes"/>). A larger body is abandoned at the cap and reported as an
    /// <see cref="EnswitchProtocolException"/>, so a broken server cannot exhaust memory.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>
    /// Gets or sets the largest recording download, in bytes, that the SDK accepts when the audio comes
    /// inside the JSON envelope (default 512 MiB). The body is held once in memory while it is read.
    /// Downloads with <see cref="Recording.RecordingWrap.None"/> stream and are not bounded by it.
    /// </summary>
    public long MaxDownloadBytes { get; set; } = DefaultMaxDownloadBytes;

    /// <summary>
    /// Gets or sets a value indicating whether a circuit breaker stops calls for a while after many
    /// transport failures or server errors (default <see langword="true"/>). Calls rejected by an open
    /// circuit fail at once with an <see cref="EnswitchTransportException"/> whose
    /// <see cref="EnswitchException.RequestSent"/> is <see langword="false"/>.
    /// </summary>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>
    /// Gets or sets how many calls must fail within <see cref="CircuitBreakerSamplingDuration"/>, at a
    /// failure ratio of one half or more, before the circuit opens (default 10, at least 2).
    /// </summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>
    /// Gets or sets the window over which the circuit breaker counts failures (default 30 seconds).
    /// </summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long an opened circuit rejects calls before it lets one through to test the
    /// server again (default 15 seconds).
    /// </summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Returns a description of these options for diagnostics. The password is shown only as set or
    /// not set.
    /// </summary>
    /// <returns>A text that holds no secret.</returns>
    public override string ToString() =>
        $"EnswitchClientOptions {{ BaseAddress = {SafeBaseAddress()}, Username = {Username}, ApplicationId = {ApplicationId ?? "(not set)"}, " +
        $"Password = {(string.IsNullOrEmpty(Password) ? "(not set)" : "(set)")}, RequestMethod = {RequestMethod}, " +
        $"AllowInsecureHttp = {AllowInsecureHttp}, MaxRetries = {MaxRetries}, AttemptTimeout = {AttemptTimeout}, " +
        $"TotalTimeout = {TotalTimeout}, RetryDelay = {RetryDelay}, MaxResponseBytes = {MaxResponseBytes}, " +
        $"MaxDownloadBytes = {MaxDownloadBytes}, Authentication = {Authentication}, ServerVersion = {ServerVersion?.ToString() ?? "(not set)"}, " +
        $"CircuitBreakerEnabled = {CircuitBreakerEnabled} }}";

    internal EnswitchClientOptions Clone() => (EnswitchClientOptions)MemberwiseClone();

    /// <summary>
    /// Returns whether <paramref name="other"/> sets every option as these do, so that a client need not change
    /// anything when its options are reloaded unchanged. A test changes each property in turn to keep this list whole.
    /// </summary>
    internal bool HasSameSettings(EnswitchClientOptions other) =>
        BaseAddress?.OriginalString == other.BaseAddress?.OriginalString
        && Username == other.Username
        && Password == other.Password
        && RequestMethod == other.RequestMethod
        && Authentication == other.Authentication
        && TokenRefreshMargin == other.TokenRefreshMargin
        && ServerVersion == other.ServerVersion
        && ApplicationId == other.ApplicationId
        && AllowInsecureHttp == other.AllowInsecureHttp
        && MaxRetries == other.MaxRetries
        && AttemptTimeout == other.AttemptTimeout
        && TotalTimeout == other.TotalTimeout
        && RetryDelay == other.RetryDelay
        && MaxResponseBytes == other.MaxResponseBytes
        && MaxDownloadBytes == other.MaxDownloadBytes
        && CircuitBreakerEnabled == other.CircuitBreakerEnabled
        && CircuitBreakerMinimumThroughput == other.CircuitBreakerMinimumThroughput
        && CircuitBreakerSamplingDuration == other.CircuitBreakerSamplingDuration
        && CircuitBreakerBreakDuration == other.CircuitBreakerBreakDuration;

    // A base address with user information (refused by validation) or a query may hold a password.
    private string? SafeBaseAddress() =>
        BaseAddress is { IsAbsoluteUri: true } address && (address.UserInfo.Length > 0 || address.Query.Length > 0)
            ? address.GetLeftPart(UriPartial.Scheme) + address.Host + " (user information or query hidden)"
            : BaseAddress?.ToString();
}

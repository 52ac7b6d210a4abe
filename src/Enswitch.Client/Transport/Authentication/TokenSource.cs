using System.Buffers;
using System.Text.Json;

namespace Enswitch.Client.Transport;

/// <summary>
/// Token authentication (Enswitch 4.1+, enswitch-api.md section 1.3): one <c>user/login</c> with
/// <c>token=1</c> in flight however many callers wait, its outcome (token or error) shared by all of
/// them, the token reused until shortly before it expires, and dropped after a 401 so the next caller
/// logs in again.
/// </summary>
internal sealed class TokenSource
{
    // Logging in reads and writes nothing a retry could duplicate, so it is retried like a read.
    // Its answer holds the new token, which the scrubber learns only once the answer is read, so an answer
    // the SDK cannot use is never quoted.
    private static readonly EnswitchFunction Login = new("user/login", OperationKind.Read, VersionGate.Tokens) { AnswerHoldsSecret = true };

    private readonly EnswitchPipeline _pipeline;
    private readonly object _sync = new();
    private Token? _current;
    private Task<Token>? _login;

    public TokenSource(EnswitchPipeline pipeline) => _pipeline = pipeline;

    /// <summary>Returns credentials holding a valid token, logging in first when there is none or it is about to expire.</summary>
    /// <param name="transport">The transport that sends the login.</param>
    /// <param name="timeout">How long the caller may wait for a login in flight; past it, <see cref="TimeoutException"/>.</param>
    /// <param name="cancellationToken">The caller's token; the shared login goes on for the other waiters.</param>
    public async ValueTask<IReadOnlyList<KeyValuePair<string, string>>> GetAsync(EnswitchTransport transport, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Valid(Volatile.Read(ref _current)) is { } ready)
        {
            return ready.Credentials;
        }

        Task<Token> login;
        lock (_sync)
        {
            if (Valid(_current) is { } fresh)
            {
                return fresh.Credentials;
            }

            // Every waiter shares one login and its outcome: a refused password is tried once, not once
            // per caller (account lock-out), and a hung login costs each caller its own wait, not a queue.
            login = _login ??= LoginAsync(transport);
        }

        return (await login.WaitAsync(timeout, _pipeline.TimeProvider, cancellationToken).ConfigureAwait(false)).Credentials;
    }

    /// <summary>Forgets the token in <paramref name="credentials"/> if it is still the current one.</summary>
    public void Invalidate(IReadOnlyList<KeyValuePair<string, string>> credentials)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && ReferenceEquals(current.Credentials, credentials))
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    private Token? Valid(Token? token) =>
        token is not null && (token.RefreshAt is not { } refresh || _pipeline.TimeProvider.GetUtcNow() < refresh)
            ? token
            : null;

    // Not tied to any one caller's cancellation, since others wait on it; the pipeline's TotalTimeout bounds it.
    private async Task<Token> LoginAsync(EnswitchTransport transport)
    {
        await Task.Yield();
        try
        {
            var parameters = new EnswitchParameters().Add("token", true);
            var token = await transport.SendAsync(Login, parameters, _pipeline.Authentication, ResponseReader<Token>.Envelope(Read), _pipeline.Limits, _pipeline.Limits.TotalTimeout, CancellationToken.None).ConfigureAwait(false);
            _pipeline.Errors.Scrubber.AddToken(token.Value);
            Volatile.Write(ref _current, token);
            return token;
        }
        finally
        {
            lock (_sync)
            {
                _login = null;
            }
        }
    }

    private Token Read(EnswitchEnvelope envelope)
    {
        if (envelope.Code == 202)
        {
            // The newer 4.4 login answers 202 when the user has two-step login (TOTP) enabled.
            throw new EnvelopeFormatException("the login needs a TOTP code (two-step login), which token authentication does not support; use an API user without two-step login");
        }

        if (envelope.Data is not { } data)
        {
            throw new EnvelopeFormatException("The login response has no 'data' with the token.");
        }

        string? value = null;
        long? expirySeconds = null;
        long? expiresUnix = null;
        var reader = new Utf8JsonReader(data);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EnvelopeFormatException("The login response 'data' is not an object.");
        }

        var names = new PropertyNameSet();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            names.Add(ref reader);
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "auth_token" when reader.TokenType == JsonTokenType.String:
                    value = reader.GetString();
                    break;
                case "auth_token_expiry":
                    expirySeconds = JsonNumbers.ReadInt64(ref reader);
                    break;
                case "auth_token_expires":
                    expiresUnix = JsonNumbers.ReadInt64(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (value is not { Length: > 0 })
        {
            throw new EnvelopeFormatException("The login response has no 'auth_token'; the server may be older than Enswitch 4.1.");
        }

        // The relative expiry is preferred: the guide trusts the absolute one only when both clocks agree.
        // Neither present means the token never expires (auth_token_expires is omitted then); a relative
        // expiry of 0 or less gives no time, and one beyond the calendar means never as well.
        var now = _pipeline.TimeProvider.GetUtcNow();
        DateTimeOffset? expiresAt = expirySeconds is > 0 and { } seconds ? (seconds < (DateTimeOffset.MaxValue - now).TotalSeconds ? now.AddSeconds(seconds) : null)
            : expiresUnix is { } unix ? (unix < DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.FromUnixTimeSeconds(Math.Max(unix, 0)) : null)
            : null;
        // A token that lives less than twice the margin is refreshed at half its life instead, or it would
        // never be reused and the password would go out on every call.
        var margin = expiresAt is { } end && end - now < _pipeline.Options.TokenRefreshMargin * 2 ? (end - now) / 2 : _pipeline.Options.TokenRefreshMargin;
        return new Token(value, expiresAt - margin, [new("auth_token", value)]);
    }

    private sealed record Token(string Value, DateTimeOffset? RefreshAt, IReadOnlyList<KeyValuePair<string, string>> Credentials)
    {
        // Never print the token.
        public override string ToString() => $"Token {{ RefreshAt = {RefreshAt} }}";
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The authentication tokens handed out by <c>user/login</c> with <c>token=1</c> (Enswitch 4.1+,
/// enswitch-api.md section 1.3).
/// </summary>
/// <remarks>
/// Enswitch issues signed JWTs; the emulator issues opaque random strings instead, because a client must
/// treat the token as opaque anyway and a random one cannot be forged or decoded by a test by accident.
/// </remarks>
internal sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);
    private readonly EnswitchEmulatorOptions _options;

    public TokenStore(EnswitchEmulatorOptions options) => _options = options;

    /// <summary>Issues a token for a user; <see cref="IssuedToken.Expires"/> is null when tokens never expire.</summary>
    public IssuedToken Issue(string username)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = _options.TokenLifetime is { } lifetime ? _options.TimeProvider.GetUtcNow() + lifetime : (DateTimeOffset?)null;
        _grants[token] = new Grant(username, expires);
        return new IssuedToken(token, _options.TokenLifetime, expires);
    }

    /// <summary>Returns the user a token was issued to, when the token is known and has not expired.</summary>
    public bool TryResolve(string token, [NotNullWhen(true)] out string? username)
    {
        username = null;
        if (!_grants.TryGetValue(token, out var grant))
        {
            return false;
        }

        if (grant.Expires is { } expires && _options.TimeProvider.GetUtcNow() >= expires)
        {
            _grants.TryRemove(token, out _);
            return false;
        }

        username = grant.Username;
        return true;
    }

    /// <summary>Forgets every token, so that each answers 401 as an expired one does.</summary>
    public void ExpireAll() => _grants.Clear();

    private sealed record Grant(string Username, DateTimeOffset? Expires);
}

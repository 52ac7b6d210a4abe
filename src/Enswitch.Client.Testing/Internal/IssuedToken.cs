namespace Enswitch.Client.Testing.Internal;

/// <summary>A token just issued, with what the login answer reports about its lifetime.</summary>
internal sealed record IssuedToken(string Token, TimeSpan? Lifetime, DateTimeOffset? Expires)
{
    /// <summary>Returns a description without the token itself.</summary>
    public override string ToString() => $"IssuedToken {{ Expires = {Expires} }}";
}

namespace Enswitch.Client;

/// <summary>
/// Selects how the SDK puts the credentials and parameters of a call on the wire.
/// </summary>
public enum EnswitchRequestMethod
{
    /// <summary>
    /// POST with an <c>application/x-www-form-urlencoded</c> body holding the credentials and every
    /// set parameter; the URL carries no query string, so nothing secret reaches a proxy or access log.
    /// This is the default.
    /// </summary>
    Post = 0,

    /// <summary>
    /// GET with the credentials and parameters in the query string, separated by <c>;</c> exactly as
    /// the Enswitch guide's examples show. Use it only where a server or proxy refuses POST: the
    /// password then travels in the URL, which servers and proxies may log.
    /// </summary>
    Get = 1,
}

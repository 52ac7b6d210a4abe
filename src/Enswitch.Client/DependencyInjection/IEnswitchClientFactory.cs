namespace Enswitch.Client;

/// <summary>
/// Creates the Enswitch clients registered with <c>AddEnswitchClient</c>, by name: the way to reach several
/// Enswitch servers (one named client each) from code that picks the server at run time.
/// </summary>
public interface IEnswitchClientFactory
{
    /// <summary>
    /// Returns the client registered under <paramref name="name"/>, with its own options, circuit breaker,
    /// token and HTTP connections. Clients are cheap to create; each shares its registration's state.
    /// </summary>
    /// <param name="name">
    /// The name given to <c>AddEnswitchClient(name, ...)</c>, or the empty string for the client registered
    /// without a name.
    /// </param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No client is registered under <paramref name="name"/>.</exception>
    IEnswitchClient CreateClient(string name);
}

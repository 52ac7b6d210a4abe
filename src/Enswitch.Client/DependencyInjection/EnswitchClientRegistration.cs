using Microsoft.Extensions.Options;

namespace Enswitch.Client.DependencyInjection;

/// <summary>
/// One <c>AddEnswitchClient</c> call, kept in the service collection: the name its options and clients are
/// registered under, the <see cref="HttpClient"/> it uses, and where its options came from, for messages.
/// </summary>
/// <param name="Name">The client's name; the empty string (<c>Options.DefaultName</c>) for the unnamed client.</param>
/// <param name="HttpClientName">The name of its <see cref="HttpClient"/> in the HTTP client factory.</param>
/// <param name="ConfigurationPath">The configuration section the options were bound from, or <see langword="null"/> when set in code.</param>
internal sealed record EnswitchClientRegistration(string Name, string HttpClientName, string? ConfigurationPath)
{
    public bool IsDefault => Name.Length == 0;

    /// <summary>
    /// Gets what option names are prefixed with in validation messages: the bound configuration path
    /// (<c>Enswitch:Username</c>, <c>Pbx:A:Username</c>), or the options type and client name when the options
    /// were set in code.
    /// </summary>
    public string OptionPrefix => ConfigurationPath switch
    {
        { Length: > 0 } path => path + ":",
        "" => string.Empty,
        _ => IsDefault ? "EnswitchClientOptions." : $"EnswitchClientOptions (client '{Name}')."
    };
}
